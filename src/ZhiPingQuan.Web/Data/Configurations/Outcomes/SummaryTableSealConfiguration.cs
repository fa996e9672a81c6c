using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.SummaryTables;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class SummaryTableSealConfiguration : IEntityTypeConfiguration<SummaryTableSeal>
{
    public void Configure(EntityTypeBuilder<SummaryTableSeal> b)
    {
        b.ToTable("SummaryTableSeals");
        b.Property(s => s.SealedBy).HasMaxLength(OutcomeConverters.PersonLength).IsRequired();
        b.Property(s => s.OrganisationName).HasMaxLength(SummaryTableSeal.MaxNameLength).IsRequired();
        b.Property(s => s.ContentHash).HasMaxLength(OutcomeConverters.Sha256HexLength).IsFixedLength().IsUnicode(false).IsRequired();
        b.Ignore(s => s.IsVoided);
        b.Ignore(s => s.ShortHash);
        b.HasIndex(s => s.SummaryTableId);
        b.HasIndex(s => s.OrganisationId);
    }
}
