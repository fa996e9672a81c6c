using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

/// <summary>
/// TPH subclass of Organisation. Columns a sibling also has are named per type (EnterpriseCreditCode vs
/// AgencyCreditCode) so each unique index covers one kind only; contact columns are shared on purpose.
/// </summary>
public sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.HasBaseType<Organisation>();
        b.Property(e => e.CreditCode)
            .HasConversion(LifecycleConverters.CreditCode)
            .HasColumnName("EnterpriseCreditCode")
            .HasMaxLength(18)
            .IsRequired();
        b.HasIndex(e => e.CreditCode).IsUnique().OnlyRowsWithValue("EnterpriseCreditCode");

        b.Property(e => e.Industry).HasColumnName("Industry");
        b.Property(e => e.IndustryTags).HasMaxLength(200);
        b.Property(e => e.AnnualOutputWanYuan).HasPrecision(18, 2);
        b.Property(e => e.Address).HasMaxLength(300);
        b.Property(e => e.ContactName).HasColumnName("ContactName").HasMaxLength(50);
        b.Property(e => e.ContactPhone).HasColumnName("ContactPhone").HasMaxLength(50);
        b.Property(e => e.ContactEmail).HasColumnName("ContactEmail").HasMaxLength(200);

        b.Property(e => e.RecommendingUnitId).HasColumnName("EnterpriseRecommendingUnitId");
        b.HasOne(e => e.RecommendingUnit).WithMany().HasForeignKey(e => e.RecommendingUnitId).OnDelete(DeleteBehavior.Restrict);
        // A unit's registry in list order, with what its search reads: counting, searching and skipping to a
        // deep page read this index only, not the wide rows (TPH queries always test the discriminator too).
        b.HasIndex("RecommendingUnitId", "Discriminator", nameof(Enterprise.Name), nameof(Enterprise.Id), nameof(Enterprise.CreditCode))
            .HasDatabaseName("IX_Organisations_EnterpriseUnitList")
            .OnlyRowsWithValue("EnterpriseRecommendingUnitId");
        // The count of a unit's registry, from the two keys it tests alone: PostgreSQL read the whole table rather than
        // the wide index above (1.7 ms a count for a 10 000-enterprise district, 0.37 ms from here), SQLite the wide
        // index (0.31 ms, 0.25 ms from here; docs/decisions/0007).
        b.HasIndex("RecommendingUnitId", "Discriminator")
            .HasDatabaseName("IX_Organisations_EnterpriseUnit_Count")
            .OnlyRowsWithValue("EnterpriseRecommendingUnitId");
        b.HasIndex(e => e.Industry).OnlyRowsWithValue("Industry");

        b.Ignore(e => e.ContactLine);
    }
}
