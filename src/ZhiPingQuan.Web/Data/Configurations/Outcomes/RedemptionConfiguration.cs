using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Redemptions;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> b)
    {
        b.ToTable("Redemptions");
        b.Property(r => r.Amount).HasConversion(OutcomeConverters.Money).HasPrecision(18, 2);
        b.Property(r => r.ApprovedBy).HasMaxLength(Redemption.MaxNameLength);
        b.Property(r => r.DeclinedBy).HasMaxLength(Redemption.MaxNameLength);
        b.Property(r => r.DeclineReason).HasMaxLength(Redemption.MaxReasonLength);
        b.Property(r => r.PaymentReference).HasMaxLength(Redemption.MaxReferenceLength);
        b.Property(r => r.PaymentRecordedBy).HasMaxLength(Redemption.MaxNameLength);

        b.HasOne<QuotaApplication>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);

        // An enterprise is redeemed at most once per programme year (docs/domain.md §4.6) — by the database.
        b.HasIndex(r => new { r.EnterpriseId, r.ProgrammeYearId }).IsUnique();
        b.HasIndex(r => r.ApplicationId).IsUnique();
        // The budget guard sums approved amounts per year and state.
        b.HasIndex(r => new { r.ProgrammeYearId, r.State });
        b.HasIndex(r => r.State);
        b.HasIndex(r => r.AgencyId);
        b.HasIndex(r => r.BatchId);
        b.HasIndex(r => r.RecommendingUnitId);
    }
}
