using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Applications;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class SupplementRequestItemConfiguration : IEntityTypeConfiguration<SupplementRequestItem>
{
    public void Configure(EntityTypeBuilder<SupplementRequestItem> b)
    {
        b.ToTable("SupplementRequestItems");
        b.Property(i => i.Subject).HasMaxLength(SupplementRequestItem.MaxSubjectLength).IsRequired();
        b.Property(i => i.Reason).HasMaxLength(SupplementRequestItem.MaxReasonLength).IsRequired();
        // EvidenceItemId is a plain reference: the enterprise may remove that evidence while fixing it,
        // and the reason must stay readable.
        b.HasIndex(i => new { i.SupplementRequestId, i.SequenceNo }).IsUnique();
    }
}
