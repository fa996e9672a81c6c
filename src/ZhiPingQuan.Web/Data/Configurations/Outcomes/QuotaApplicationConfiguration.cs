using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class QuotaApplicationConfiguration : IEntityTypeConfiguration<QuotaApplication>
{
    public void Configure(EntityTypeBuilder<QuotaApplication> b)
    {
        b.ToTable("QuotaApplications");
        b.Property(a => a.ContactPerson).HasMaxLength(ContactRules.MaxNameLength).IsRequired();
        b.Property(a => a.ContactPhone).HasMaxLength(ContactRules.MaxPhoneLength).IsRequired();
        b.Property(a => a.ContactEmail).HasMaxLength(ContactRules.MaxEmailLength);
        b.Property(a => a.BasesCode).HasMaxLength(20).IsUnicode(false).IsRequired();
        b.Property(a => a.ReportCheckDetail).HasMaxLength(QuotaApplication.MaxCheckDetailLength);
        b.Property(a => a.EnterpriseName).HasMaxLength(QuotaApplication.MaxNameLength).IsRequired();
        b.Property(a => a.CreditCode).HasMaxLength(18).IsFixedLength().IsUnicode(false).IsRequired();
        b.Property(a => a.MaturityScore).HasConversion(OutcomeConverters.MaturityScore).HasPrecision(4, 2);
        b.Property(a => a.SmartFactoryLevelName).HasMaxLength(QuotaApplication.MaxSmartFactoryLevelNameLength).IsRequired();
        b.Property(a => a.WithdrawReason).HasMaxLength(QuotaApplication.MaxReasonLength);

        b.Ignore(a => a.ReturnCount);
        b.Ignore(a => a.IsFirstPass);
        b.Ignore(a => a.OpenSupplementRequest);
        b.Ignore(a => a.IsEditable);
        b.Ignore(a => a.CanWithdraw);
        b.Ignore(a => a.LatestSupplementRequest);
        b.Ignore(a => a.Bases);
        b.Ignore(a => a.Checklist);
        b.Ignore(a => a.AllowedEvidenceKinds);
        b.Ignore(a => a.Content);

        b.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.QuotaApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Evidence).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(a => a.SupplementRequests).WithOne().HasForeignKey(r => r.QuotaApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.SupplementRequests).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(a => a.ReportFileId).OnDelete(DeleteBehavior.Restrict);

        // One active application per enterprise per programme year (docs/domain.md §4.4), enforced by the database: a withdrawn
        // one leaves the index, so the enterprise may apply again (QuotaApplicationRules.Active). Enums are stored by name, and
        // double quotes delimit the column in SQLite, PostgreSQL and SQL Server alike.
        b.HasIndex(a => new { a.EnterpriseId, a.ProgrammeYearId }).IsUnique()
            .HasFilter($"\"State\" <> '{nameof(QuotaApplicationState.Withdrawn)}'");
        b.HasIndex(a => a.BatchId);
        b.HasIndex(a => a.RecommendingUnitId);
        b.HasIndex(a => a.State);
        b.HasIndex(a => a.AgencyId);
        b.HasIndex(a => a.AssessmentId);
        b.HasIndex(a => a.ProgrammeYearId);
    }
}
