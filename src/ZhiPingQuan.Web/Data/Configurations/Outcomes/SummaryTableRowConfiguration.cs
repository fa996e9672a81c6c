using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.SummaryTables;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class SummaryTableRowConfiguration : IEntityTypeConfiguration<SummaryTableRow>
{
    public void Configure(EntityTypeBuilder<SummaryTableRow> b)
    {
        b.ToTable("SummaryTableRows");
        b.Property(r => r.EnterpriseName).HasMaxLength(SummaryTableRow.MaxNameLength).IsRequired();
        b.Property(r => r.CreditCode).HasMaxLength(18).IsFixedLength().IsUnicode(false).IsRequired();
        b.Property(r => r.MaturityScore).HasConversion(OutcomeConverters.MaturityScore).HasPrecision(4, 2);
        b.Property(r => r.SmartFactoryLevelName).HasMaxLength(SummaryTableRow.MaxSmartFactoryLevelNameLength).IsRequired();
        b.Property(r => r.Contact).HasMaxLength(SummaryTableRow.MaxContactLength).IsRequired();

        b.HasIndex(r => new { r.SummaryTableId, r.SequenceNo }).IsUnique();
        b.HasIndex(r => new { r.SummaryTableId, r.EnterpriseId }).IsUnique();
        b.HasIndex(r => r.EnterpriseId);
        b.HasIndex(r => r.AssessmentId);
    }
}
