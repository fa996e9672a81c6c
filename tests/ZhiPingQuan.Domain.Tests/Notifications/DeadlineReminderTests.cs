using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Domain.Tests.Notifications;

public class DeadlineReminderTests
{
    private static readonly DateOnly Deadline = new(2023, 11, 15);

    [Theory]
    [InlineData(30, null)]
    [InlineData(8, null)]
    [InlineData(7, 7)]
    [InlineData(6, 7)]
    [InlineData(4, 7)]
    [InlineData(3, 3)]
    [InlineData(2, 3)]
    [InlineData(1, 1)]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    public void The_step_is_the_nearest_of_7_3_1_days_not_yet_passed(int daysLeft, int? step)
    {
        Assert.Equal(step, ReminderSchedule.StepOn(Deadline.AddDays(-daysLeft), Deadline));
    }

    [Fact]
    public void Deadlines_up_to_seven_days_ahead_may_need_a_reminder()
    {
        Assert.Equal(new DateOnly(2023, 11, 15), ReminderSchedule.LatestDeadlineDueOn(new DateOnly(2023, 11, 8)));
    }

    [Fact]
    public void A_reminder_is_for_a_person_a_record_and_one_of_the_steps()
    {
        var now = new DateTime(2023, 11, 8, 1, 0, 0, DateTimeKind.Utc);
        var user = Guid.NewGuid();
        var batch = Guid.NewGuid();

        var r = new DeadlineReminder(user, ReminderSubject.SummaryTable, batch, Deadline, 7, now);

        Assert.Equal((user, ReminderSubject.SummaryTable, batch, Deadline, 7, now), (r.UserId, r.Subject, r.RecordId, r.Deadline, r.DaysBefore, r.SentAtUtc));
        Assert.Equal("提醒只在截止前7、3、1天发送。", Assert.Throws<DomainException>(() => new DeadlineReminder(user, ReminderSubject.SummaryTable, batch, Deadline, 5, now)).Message);
        Assert.Throws<DomainException>(() => new DeadlineReminder(Guid.Empty, ReminderSubject.SummaryTable, batch, Deadline, 7, now));
        Assert.Throws<DomainException>(() => new DeadlineReminder(user, ReminderSubject.Supplement, Guid.Empty, Deadline, 1, now));
    }
}
