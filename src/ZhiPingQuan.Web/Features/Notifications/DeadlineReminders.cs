using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.Notifications;

/// <summary>What one run of the reminders did.</summary>
public sealed record ReminderPass(int Sent, int AlreadySent);

/// <summary>
/// Deadline reminders (docs/domain.md §5 Notifications), 7, 3 and 1 Shanghai calendar days before a deadline
/// (<see cref="ReminderSchedule"/>), only to those who have not yet acted:
/// <list type="bullet">
/// <item>the users of a district whose current summary table for the batch is not submitted (a district with a recommendation
/// counting for the batch, or a table of it);</item>
/// <item>the users of an enterprise listed in a submitted summary table of the batch that has not filed its quota application
/// (none, or a draft);</item>
/// <item>the users of an enterprise whose application was returned for supplement and not resubmitted, before the return's due date.</item>
/// </list>
/// Each goes once per person and step: a <see cref="DeadlineReminder"/> row with a unique index is written in the same save
/// as the notice and its e-mail, so a second run — or another instance running at the same moment — sends nothing again.
/// </summary>
public sealed class DeadlineReminders(AppDbContext db, Notifier notifier, IClock clock)
{
    private sealed record Due(Guid OrganisationId, ReminderSubject Subject, Guid RecordId, DateOnly Deadline, int Step,
        NotificationKind Kind, string Title, string Body, NotificationTarget Target);

    public async Task<ReminderPass> RunAsync(CancellationToken ct)
    {
        var today = ShanghaiTime.Today(clock.UtcNow);
        var latest = ReminderSchedule.LatestDeadlineDueOn(today);
        var due = new List<Due>();
        var batches = await db.Batches.AsNoTracking().Include(b => b.ProgrammeYear)
            .Where(b => b.Deadline > today && b.Deadline <= latest)
            .OrderBy(b => b.Deadline)
            .ToListAsync(ct);
        foreach (var batch in batches)
        {
            var step = ReminderSchedule.StepOn(today, batch.Deadline)!.Value;
            due.AddRange(await DistrictsAsync(batch, step, today, ct));
            due.AddRange(await EnterprisesAsync(batch, step, today, ct));
        }
        due.AddRange(await SupplementsAsync(today, latest, ct));

        int sent = 0, already = 0;
        foreach (var reminder in due)
        {
            foreach (var person in await notifier.ActiveUsersAsync(reminder.OrganisationId, ct))
            {
                if (await SendOnceAsync(reminder, person, ct))
                {
                    sent++;
                }
                else
                {
                    already++;
                }
            }
        }
        return new ReminderPass(sent, already);
    }

    private async Task<IEnumerable<Due>> DistrictsAsync(Batch batch, int step, DateOnly today, CancellationToken ct)
    {
        var recommending = await db.Recommendations.AsNoTracking()
            .Where(r => r.BatchId == batch.Id).Where(RecommendationRules.CountsForProgramme)
            .Select(r => r.RecommendingUnitId).Distinct().ToListAsync(ct);
        var tables = await db.SummaryTables.AsNoTracking()
            .Where(t => t.BatchId == batch.Id).Where(SummaryTableRules.Current)
            .SelectWithRules(t => new { t.RecommendingUnitId, t.State, t.Revision, Submitted = SummaryTableRules.Submitted.IsSatisfiedBy(t) }).ToListAsync(ct);
        var submitted = tables.Where(t => t.Submitted).Select(t => t.RecommendingUnitId).ToHashSet();
        var units = recommending.Concat(tables.Select(t => t.RecommendingUnitId)).Distinct().Where(u => !submitted.Contains(u));
        var year = batch.ProgrammeYear!.Year;
        var daysLeft = batch.Deadline.DayNumber - today.DayNumber;
        return units.Select(unit =>
        {
            var table = tables.FirstOrDefault(t => t.RecommendingUnitId == unit);
            var where = table is null ? "尚未建立" : $"目前为“{table.State.ToChinese()}”{(table.Revision > 1 ? $"（第{table.Revision}版）" : string.Empty)}";
            return new Due(unit, ReminderSubject.SummaryTable, batch.Id, batch.Deadline, step, NotificationKind.SummaryTableDeadlineReminder,
                $"汇总表报送提醒：{year}年{batch.Name}还剩{daysLeft}天",
                $"{year}年{batch.Name}的汇总表须在{ShanghaiTime.FormatDate(batch.Deadline)}（含当日）前盖章并报送市经信委，还剩{daysLeft}天。本单位的汇总表{where}，尚未报送。",
                NotificationTarget.Batch(batch.Id));
        });
    }

    private async Task<IEnumerable<Due>> EnterprisesAsync(Batch batch, int step, DateOnly today, CancellationToken ct)
    {
        var listed = await (
            from row in db.SummaryTableRows.AsNoTracking()
            join t in db.SummaryTables.AsNoTracking().Where(SummaryTableRules.CurrentAndSubmitted) on row.SummaryTableId equals t.Id
            where t.BatchId == batch.Id
            select new { row.EnterpriseId, t.UnitName, t.Title }).ToListAsync(ct);
        if (listed.Count == 0)
        {
            return [];
        }
        var ids = listed.Select(l => l.EnterpriseId).Distinct().ToList();
        var filed = (await db.QuotaApplications.AsNoTracking()
            .Where(a => a.ProgrammeYearId == batch.ProgrammeYearId && ids.Contains(a.EnterpriseId))
            .WhereNot(QuotaApplicationRules.Draft)
            .Select(a => a.EnterpriseId).ToListAsync(ct)).ToHashSet();
        var year = batch.ProgrammeYear!.Year;
        var daysLeft = batch.Deadline.DayNumber - today.DayNumber;
        return listed.Where(l => !filed.Contains(l.EnterpriseId)).DistinctBy(l => l.EnterpriseId).Select(l =>
            new Due(l.EnterpriseId, ReminderSubject.QuotaApplication, batch.Id, batch.Deadline, step, NotificationKind.ApplicationDeadlineReminder,
                $"额度申请提醒：{year}年{batch.Name}还剩{daysLeft}天",
                $"本企业已列入{l.UnitName}报送的《{l.Title}》。额度申请须在{ShanghaiTime.FormatDate(batch.Deadline)}（含当日）前提交，还剩{daysLeft}天，本企业尚未提交。",
                NotificationTarget.Batch(batch.Id)));
    }

    private async Task<IEnumerable<Due>> SupplementsAsync(DateOnly today, DateOnly latest, CancellationToken ct)
    {
        var open = await (
            from r in db.SupplementRequests.AsNoTracking().Where(SupplementRequestRules.Unanswered)
            join a in db.QuotaApplications.AsNoTracking().Where(QuotaApplicationRules.AwaitingSupplement) on r.QuotaApplicationId equals a.Id
            where r.DueDate > today && r.DueDate <= latest
            select new { r.Id, r.DueDate, r.SequenceNo, a.EnterpriseId, ApplicationId = a.Id }).ToListAsync(ct);
        return open.Select(r =>
        {
            var daysLeft = r.DueDate.DayNumber - today.DayNumber;
            return new Due(r.EnterpriseId, ReminderSubject.Supplement, r.Id, r.DueDate, ReminderSchedule.StepOn(today, r.DueDate)!.Value,
                NotificationKind.SupplementDueReminder,
                $"补正提醒：额度申请补正还剩{daysLeft}天",
                $"本企业的额度申请被退回补正（第{r.SequenceNo}次），须在{ShanghaiTime.FormatDate(r.DueDate)}（含当日）前按要求补正后重新提交，还剩{daysLeft}天，目前尚未重新提交。",
                NotificationTarget.QuotaApplication(r.ApplicationId));
        });
    }

    /// <summary>
    /// The reminder, its notice and its e-mail in one save; false when this person already has it. Two instances racing: the
    /// unique index lets the first save in, and the second's save fails whole — its notice and e-mail with it.
    /// </summary>
    private async Task<bool> SendOnceAsync(Due reminder, NoticeRecipient person, CancellationToken ct)
    {
        if (await AlreadySentAsync(reminder, person.UserId, ct))
        {
            return false;
        }
        db.ChangeTracker.Clear();
        db.DeadlineReminders.Add(new DeadlineReminder(person.UserId, reminder.Subject, reminder.RecordId, reminder.Deadline, reminder.Step, clock.UtcNow));
        notifier.ToUser(person, reminder.Kind, reminder.Title, reminder.Body, reminder.Target);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await AlreadySentAsync(reminder, person.UserId, ct))
            {
                return false;
            }
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private Task<bool> AlreadySentAsync(Due r, Guid userId, CancellationToken ct) =>
        db.DeadlineReminders.AsNoTracking().AnyAsync(x => x.UserId == userId && x.Subject == r.Subject && x.RecordId == r.RecordId
            && x.Deadline == r.Deadline && x.DaysBefore == r.Step, ct);
}
