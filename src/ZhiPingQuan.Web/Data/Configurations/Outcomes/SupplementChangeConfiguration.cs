using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Applications;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class SupplementChangeConfiguration : IEntityTypeConfiguration<SupplementChange>
{
    public void Configure(EntityTypeBuilder<SupplementChange> b)
    {
        b.ToTable("SupplementChanges");
        b.Property(c => c.Subject).HasMaxLength(SupplementChange.MaxSubjectLength).IsRequired();
        b.Property(c => c.Before).HasMaxLength(SupplementChange.MaxValueLength);
        b.Property(c => c.After).HasMaxLength(SupplementChange.MaxValueLength);
        // File ids are plain references to StoredFiles: every version is kept, so they stay readable.
        b.HasIndex(c => new { c.SupplementRequestId, c.SequenceNo }).IsUnique();
    }
}
