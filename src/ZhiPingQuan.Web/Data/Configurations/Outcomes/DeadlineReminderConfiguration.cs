using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class DeadlineReminderConfiguration : IEntityTypeConfiguration<DeadlineReminder>
{
    public void Configure(EntityTypeBuilder<DeadlineReminder> b)
    {
        b.ToTable("DeadlineReminders");

        // Once per person per step of a deadline, whichever instance of the portal gets there first: the database refuses
        // the second row, and with it the notice and e-mail written in the same save (decision 0010).
        b.HasIndex(r => new { r.UserId, r.Subject, r.RecordId, r.Deadline, r.DaysBefore }).IsUnique()
            .HasDatabaseName("UX_DeadlineReminders_OncePerPersonAndStep");
        b.HasIndex(r => r.SentAtUtc);
    }
}
