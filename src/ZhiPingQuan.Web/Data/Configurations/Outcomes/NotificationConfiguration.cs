using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength).IsRequired();
        b.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength).IsRequired();
        b.Ignore(n => n.IsRead);
        b.Ignore(n => n.Target);

        // "My unread notifications", for a user and for the user's organisation.
        b.HasIndex(n => new { n.RecipientUserId, n.ReadAtUtc });
        b.HasIndex(n => new { n.RecipientOrganisationId, n.ReadAtUtc });
        b.HasIndex(n => n.CreatedAtUtc);
    }
}
