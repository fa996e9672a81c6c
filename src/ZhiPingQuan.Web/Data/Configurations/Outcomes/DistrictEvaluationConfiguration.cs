using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Evaluations;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class DistrictEvaluationConfiguration : IEntityTypeConfiguration<DistrictEvaluation>
{
    public void Configure(EntityTypeBuilder<DistrictEvaluation> b)
    {
        b.ToTable("DistrictEvaluations");
        b.Property(e => e.CommissionScore).HasPrecision(5, 2);
        b.Property(e => e.Remarks).HasMaxLength(DistrictEvaluation.MaxRemarksLength);
        b.Property(e => e.PublishedBy).HasMaxLength(DistrictEvaluation.MaxNameLength);

        // The indicator snapshot: plain columns of the same table (a complex type, no JSON).
        b.ComplexProperty(e => e.Indicators, i =>
        {
            i.Property(x => x.CoveragePercent).HasPrecision(7, 2);
            i.Property(x => x.FirstPassRatePercent).HasPrecision(7, 2);
            i.Property(x => x.UpgradeFollowUpRatePercent).HasPrecision(7, 2);
        });

        b.HasIndex(e => new { e.RecommendingUnitId, e.ProgrammeYearId }).IsUnique();
        b.HasIndex(e => new { e.ProgrammeYearId, e.State });
    }
}
