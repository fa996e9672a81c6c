using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.SummaryTables;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class SummaryTableDroppedRowConfiguration : IEntityTypeConfiguration<SummaryTableDroppedRow>
{
    public void Configure(EntityTypeBuilder<SummaryTableDroppedRow> b)
    {
        b.ToTable("SummaryTableDroppedRows");
        b.Property(d => d.EnterpriseName).HasMaxLength(SummaryTableRow.MaxNameLength).IsRequired();
        b.Property(d => d.CreditCode).HasMaxLength(18).IsFixedLength().IsUnicode(false).IsRequired();
        b.Property(d => d.Reason).HasMaxLength(SummaryTableDroppedRow.MaxReasonLength).IsRequired();
        b.HasIndex(d => d.SummaryTableId);
    }
}
