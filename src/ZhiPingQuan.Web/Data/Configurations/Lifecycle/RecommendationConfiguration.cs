using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

public sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> b)
    {
        b.ToTable("Recommendations");

        // One recommendation per enterprise per programme year — enforced by the database.
        b.HasIndex(r => new { r.EnterpriseId, r.ProgrammeYearId }).IsUnique();
        // The district's list, newest first: read in order, no sort of the whole unit per page.
        b.HasIndex(r => new { r.RecommendingUnitId, r.CreatedAtUtc, r.Id }).IsDescending(false, true, false)
            .HasDatabaseName("IX_Recommendations_Unit_CreatedAt");
        // Recommended and not yet assigned (评估指派), oldest first; the funding flag is read from the index too.
        b.HasIndex(r => new { r.RecommendingUnitId, r.State, r.RecommendedAtUtc, r.Id, r.DistrictFundedOnly })
            .HasDatabaseName("IX_Recommendations_Unit_State_Funding_RecommendedAt");
        // The commission's overview counts the year's records per unit and industry from the index alone (the
        // enterprise's industry is copied onto the record for it), and so does the home pages' funnel per batch.
        b.HasIndex(r => new { r.ProgrammeYearId, r.RecommendingUnitId, r.DistrictFundedOnly, r.State, r.EnterpriseIndustry, r.EnterpriseId, r.BatchId })
            .HasDatabaseName("IX_Recommendations_Year_Unit_Funding_State");
        // Counts of a large district's records read narrow indexes, in the order they are grouped. Over the wide ones
        // above, PostgreSQL's planner preferred reading the whole table (a 10 000-row unit is nearly all of it): the
        // overview's count per unit and industry took 3.2 ms of the server, 1.1 ms from here; the district's count of
        // its records and of those waiting for an agency 0.55 and 0.87 ms, 0.41 ms each from the second (docs/decisions/0007).
        b.HasIndex(r => new { r.ProgrammeYearId, r.RecommendingUnitId, r.EnterpriseIndustry, r.DistrictFundedOnly, r.State })
            .HasDatabaseName("IX_Recommendations_Year_Unit_Industry_Counts");
        b.HasIndex(r => new { r.RecommendingUnitId, r.State, r.DistrictFundedOnly })
            .HasDatabaseName("IX_Recommendations_Unit_State_Counts");
        // The overview's default order within a unit: a page is read from here, not sorted from the whole year.
        b.HasIndex(r => new { r.ProgrammeYearId, r.RecommendingUnitId, r.DistrictFundedOnly, r.RecommendedAtUtc, r.EnterpriseName, r.Id })
            .HasDatabaseName("IX_Recommendations_Overview_Order");
        b.HasIndex(r => r.BatchId);
        b.HasIndex(r => r.State);

        b.HasOne(r => r.Enterprise).WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.RecommendingUnit).WithMany().HasForeignKey(r => r.RecommendingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProgrammeYear>().WithMany().HasForeignKey(r => r.ProgrammeYearId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Batch).WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Restrict);

        b.Property(r => r.CreatedBy).HasMaxLength(100).IsRequired();
        b.Property(r => r.EnterpriseName).HasMaxLength(Organisation.MaxNameLength).IsRequired();
        b.Property(r => r.EnterpriseCreditCode).HasConversion(LifecycleConverters.CreditCode).HasMaxLength(18).IsRequired();
        b.Property(r => r.RecommendedBy).HasMaxLength(100);
        b.Property(r => r.WithdrawnBy).HasMaxLength(100);
        b.Property(r => r.WithdrawalReason).HasMaxLength(500);

        b.Ignore(r => r.IsEditable);
        b.Ignore(r => r.CanBeDeleted);
        b.Ignore(r => r.BasisList);

        b.OwnsMany(r => r.Bases, o =>
        {
            o.ToTable("RecommendationBases");
            o.WithOwner().HasForeignKey("RecommendationId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.Description).HasMaxLength(1000);
        });
        b.Navigation(r => r.Bases).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.OwnsMany(r => r.Contracts, o =>
        {
            o.ToTable("TransformationContracts");
            o.WithOwner().HasForeignKey("RecommendationId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.AmountWanYuan).HasPrecision(18, 2);
            o.Property(x => x.Description).HasMaxLength(500);
            o.Ignore(x => x.CountsForEligibility);
        });
        b.Navigation(r => r.Contracts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
