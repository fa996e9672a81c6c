using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

public sealed class UnitYearSettingsConfiguration : IEntityTypeConfiguration<UnitYearSettings>
{
    public void Configure(EntityTypeBuilder<UnitYearSettings> b)
    {
        b.ToTable("UnitYearSettings");
        b.HasIndex(s => new { s.RecommendingUnitId, s.ProgrammeYearId }).IsUnique();
        b.HasOne<RecommendingUnit>().WithMany().HasForeignKey(s => s.RecommendingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProgrammeYear>().WithMany().HasForeignKey(s => s.ProgrammeYearId).OnDelete(DeleteBehavior.Restrict);

        // Comma-separated enum names: the same column type on every provider.
        b.Property<string>("_focusIndustries").HasColumnName("FocusIndustries").HasMaxLength(200).IsRequired();
        b.Ignore(s => s.FocusIndustries);
    }
}
