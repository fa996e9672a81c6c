using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

/// <summary>TPH subclass of Organisation (table Organisations, Discriminator column).</summary>
public sealed class RecommendingUnitConfiguration : IEntityTypeConfiguration<RecommendingUnit>
{
    public void Configure(EntityTypeBuilder<RecommendingUnit> b)
    {
        b.HasBaseType<Organisation>();
        b.Property(u => u.Code).HasColumnName("UnitCode").HasMaxLength(6);
        b.Property(u => u.SortOrder).HasColumnName("UnitSortOrder");
        b.HasIndex(u => u.Code).IsUnique().OnlyRowsWithValue("UnitCode");
    }
}
