using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> b)
    {
        b.ToTable("EvidenceItems");
        b.Property(e => e.Title).HasMaxLength(EvidenceItem.MaxTitleLength).IsRequired();
        b.Property(e => e.ContractAmountWan).HasPrecision(18, 2);
        b.Ignore(e => e.Contract);

        b.HasOne<StoredFile>().WithMany().HasForeignKey(e => e.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(e => e.PreviousFileId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(e => e.QuotaApplicationId);
        b.HasIndex(e => e.FileId);
        b.HasIndex(e => e.PreviousFileId);
    }
}
