using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class UpgradeRecordConfiguration : IEntityTypeConfiguration<UpgradeRecord>
{
    public void Configure(EntityTypeBuilder<UpgradeRecord> b)
    {
        b.ToTable("UpgradeRecords");
        b.Property(u => u.ProblemsFound).HasMaxLength(UpgradeRecord.MaxProblemsLength).IsRequired();
        b.Ignore(u => u.HasFollowUp);

        b.HasMany(u => u.Projects).WithOne().HasForeignKey(p => p.UpgradeRecordId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.Projects).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.HasIndex(u => new { u.EnterpriseId, u.ProgrammeYearId }).IsUnique();
        b.HasIndex(u => new { u.RecommendingUnitId, u.ProgrammeYearId });
    }
}
