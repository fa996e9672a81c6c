using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Auditing;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.UserName).HasMaxLength(256).IsRequired();
        b.Property(a => a.OrganisationName).HasMaxLength(OutcomeConverters.NameLength).IsRequired();
        b.Property(a => a.Action).HasMaxLength(100).IsRequired();
        b.Property(a => a.RecordType).HasMaxLength(100).IsRequired();
        b.Property(a => a.Before).HasMaxLength(4000);
        b.Property(a => a.After).HasMaxLength(4000);
        b.Property(a => a.Detail).HasMaxLength(4000);
        // An IPv6 address with zone id fits in 64.
        b.Property(a => a.RemoteAddress).HasMaxLength(64).IsUnicode(false);

        b.Property(a => a.PreviousHash).HasMaxLength(64).IsUnicode(false);
        b.Property(a => a.Hash).HasMaxLength(64).IsUnicode(false);

        // One line at each position: two instances linking at once cannot fork the chain (the second insert of an
        // index fails and its pass is retried). Null (not yet linked) may repeat; the filter says so for SQL Server.
        b.HasIndex(a => a.ChainIndex).IsUnique().HasFilter("\"ChainIndex\" IS NOT NULL");
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => a.RecordId);
        b.HasIndex(a => a.OrganisationId);
    }
}
