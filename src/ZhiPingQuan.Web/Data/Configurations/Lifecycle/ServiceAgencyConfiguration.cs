using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

/// <summary>TPH subclass of Organisation; see <see cref="EnterpriseConfiguration"/> for the column naming.</summary>
public sealed class ServiceAgencyConfiguration : IEntityTypeConfiguration<ServiceAgency>
{
    public void Configure(EntityTypeBuilder<ServiceAgency> b)
    {
        b.HasBaseType<Organisation>();
        b.Property(a => a.CreditCode)
            .HasConversion(LifecycleConverters.CreditCode)
            .HasColumnName("AgencyCreditCode")
            .HasMaxLength(18)
            .IsRequired();
        b.HasIndex(a => a.CreditCode).IsUnique().OnlyRowsWithValue("AgencyCreditCode");

        b.Property(a => a.Level).HasColumnName("AgencyLevel");
        b.Property(a => a.InCatalogue).HasColumnName("AgencyInCatalogue");
        b.Property(a => a.ValidFrom).HasColumnName("AgencyValidFrom");
        b.Property(a => a.ValidTo).HasColumnName("AgencyValidTo");
        b.Property(a => a.ContactName).HasColumnName("ContactName").HasMaxLength(50);
        b.Property(a => a.ContactPhone).HasColumnName("ContactPhone").HasMaxLength(50);
        b.Property(a => a.ContactEmail).HasColumnName("ContactEmail").HasMaxLength(200);

        b.Property(a => a.RecommendingUnitId).HasColumnName("AgencyRecommendingUnitId");
        b.HasOne(a => a.RecommendingUnit).WithMany().HasForeignKey(a => a.RecommendingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.RecommendingUnitId).OnlyRowsWithValue("AgencyRecommendingUnitId");
        b.HasIndex(a => a.Level).OnlyRowsWithValue("AgencyLevel");
    }
}
