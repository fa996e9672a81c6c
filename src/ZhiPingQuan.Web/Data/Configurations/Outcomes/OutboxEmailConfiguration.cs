using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.ToTable("OutboxEmails");
        b.Property(m => m.To).HasMaxLength(OutboxEmail.MaxToLength).IsRequired();
        b.Property(m => m.Subject).HasMaxLength(OutboxEmail.MaxSubjectLength).IsRequired();
        // Body is unbounded text (nvarchar(max) / text) on every provider.
        b.Property(m => m.Body).IsRequired();
        b.Property(m => m.LastError).HasMaxLength(OutboxEmail.MaxErrorLength);
        b.Property(m => m.ClaimedBy).HasMaxLength(OutboxEmail.MaxClaimLength);

        // The sender's query: pending mails whose next attempt is due.
        b.HasIndex(m => new { m.State, m.NextAttemptAtUtc });
        b.HasIndex(m => m.CreatedAtUtc);
    }
}
