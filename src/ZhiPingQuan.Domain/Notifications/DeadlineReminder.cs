using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Notifications;

/// <summary>What a deadline reminder is about (docs/domain.md §5 Notifications: reminders go only to those who have not acted).</summary>
public enum ReminderSubject
{
    /// <summary>A district's summary table for a batch, due by the batch deadline. Record: the batch.</summary>
    SummaryTable,

    /// <summary>An enterprise's quota application, due by the batch deadline. Record: the batch.</summary>
    QuotaApplication,

    /// <summary>An enterprise's answer to a return for supplement, due by the request's due date. Record: the supplement request.</summary>
    Supplement,
}

/// <summary>
/// The days before a deadline on which reminders go: 7, 3 and 1 (Asia/Shanghai calendar days). A day that fell while the
/// portal was down is made up on the next run: with 5 days left the 7-day reminder still goes if it has not.
/// </summary>
public static class ReminderSchedule
{
    public static readonly IReadOnlyList<int> Steps = [7, 3, 1];

    /// <summary>
    /// The step due on <paramref name="today"/> for <paramref name="deadline"/>: the nearest step not yet passed (5 days left → 7,
    /// 2 → 3, 1 → 1), or null when the deadline is more than 7 days away, today, or past.
    /// </summary>
    public static int? StepOn(DateOnly today, DateOnly deadline)
    {
        var daysLeft = deadline.DayNumber - today.DayNumber;
        if (daysLeft < 1)
        {
            return null;
        }
        return Steps.Where(s => s >= daysLeft).Select(s => (int?)s).LastOrDefault();
    }

    /// <summary>The latest deadline that has a step due on <paramref name="today"/> (deadlines up to this day may need a reminder).</summary>
    public static DateOnly LatestDeadlineDueOn(DateOnly today) => today.AddDays(Steps.Max());
}

/// <summary>
/// One reminder sent to one person for one step of one deadline. Stored with a unique index on (user, subject, record,
/// deadline, step), so whichever instance of the portal writes it first sends it and every other attempt is refused by the
/// database with its notice and e-mail (docs/decisions/0010-outbox-and-reminders.md). A deadline moved by an extension is a
/// new deadline with its own steps.
/// </summary>
public sealed class DeadlineReminder : Entity
{
    private DeadlineReminder() { }

    public DeadlineReminder(Guid userId, ReminderSubject subject, Guid recordId, DateOnly deadline, int daysBefore, DateTime utcNow)
    {
        if (userId == Guid.Empty || recordId == Guid.Empty)
        {
            throw new DomainException("提醒必须有接收人和所提醒的记录。");
        }
        if (!Enum.IsDefined(subject))
        {
            throw new ArgumentOutOfRangeException(nameof(subject));
        }
        if (!ReminderSchedule.Steps.Contains(daysBefore))
        {
            throw new DomainException($"提醒只在截止前{string.Join("、", ReminderSchedule.Steps)}天发送。");
        }
        UserId = userId;
        Subject = subject;
        RecordId = recordId;
        Deadline = deadline;
        DaysBefore = daysBefore;
        SentAtUtc = utcNow;
    }

    public Guid UserId { get; private set; }
    public ReminderSubject Subject { get; private set; }

    /// <summary>The batch (summary table, application) or the supplement request.</summary>
    public Guid RecordId { get; private set; }

    /// <summary>The deadline the reminder was about, as it stood when sent.</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>The step: 7, 3 or 1.</summary>
    public int DaysBefore { get; private set; }

    public DateTime SentAtUtc { get; private set; }
}
