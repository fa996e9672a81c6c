using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Redemptions;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class RedemptionBudgetConfiguration : IEntityTypeConfiguration<RedemptionBudget>
{
    public void Configure(EntityTypeBuilder<RedemptionBudget> b)
    {
        b.ToTable("RedemptionBudgets", t => t.HasCheckConstraint("CK_RedemptionBudgets_CommittedFen", "\"CommittedFen\" >= 0"));
        b.Ignore(x => x.Committed);
        // One row per programme year: approvals of the year queue behind it (decision 0012).
        b.HasIndex(x => x.ProgrammeYearId).IsUnique();
        b.HasOne<ProgrammeYear>().WithMany().HasForeignKey(x => x.ProgrammeYearId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RedemptionNoticeConfiguration : IEntityTypeConfiguration<RedemptionNotice>
{
    public void Configure(EntityTypeBuilder<RedemptionNotice> b)
    {
        b.ToTable("RedemptionNotices");
        b.Property(x => x.Total).HasConversion(OutcomeConverters.Money).HasPrecision(18, 2);
        b.Property(x => x.AgencyName).HasMaxLength(RedemptionNotice.MaxNameLength).IsRequired();
        b.Property(x => x.ContentHash).HasMaxLength(RedemptionNotice.ContentHashLength).IsRequired();
        b.Property(x => x.VerificationCode).HasMaxLength(12).IsRequired();
        b.HasIndex(x => x.VerificationCode).IsUnique();
        b.HasIndex(x => new { x.AgencyId, x.ProgrammeYearId, x.ContentHash });
    }
}
