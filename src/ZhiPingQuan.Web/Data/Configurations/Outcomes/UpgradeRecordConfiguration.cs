using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class UpgradeRecordConfiguration : IEntityTypeConfiguration<UpgradeRecord>
{
    public void Configure(EntityTypeBuilder<UpgradeRecord> b)
    {
        b.ToTable("UpgradeRecords");
        b.Ignore(u => u.HasFollowUp);

        b.HasOne<Assessment>().WithMany().HasForeignKey(u => u.AssessmentId).OnDelete(DeleteBehavior.Restrict);

        b.HasMany(u => u.Problems).WithOne().HasForeignKey(p => p.UpgradeRecordId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.Problems).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(u => u.Projects).WithOne().HasForeignKey(p => p.UpgradeRecordId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.Projects).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One record per assessment, and so per enterprise and year; two districts' first entries at once: one wins.
        b.HasIndex(u => u.AssessmentId).IsUnique();
        b.HasIndex(u => new { u.EnterpriseId, u.ProgrammeYearId }).IsUnique();
        b.HasIndex(u => new { u.RecommendingUnitId, u.ProgrammeYearId, u.Status });
    }
}
