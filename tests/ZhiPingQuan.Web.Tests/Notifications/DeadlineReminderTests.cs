using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Notifications;
using ZhiPingQuan.Web.Tests.Assignments;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.Notifications;

/// <summary>
/// Deadline reminders with the test's clock (Moq): 7, 3 and 1 Shanghai days before a batch deadline (or a return's due date), only
/// to those who have not acted — a district whose table is not submitted, a listed enterprise without a filed application, an
/// enterprise with an unanswered return — once per person and step, however often and on however many instances the job runs.
/// The fixture's clock starts on 20 October 2023, 10:00 in Shanghai; the batch's deadline is 27 October (7 days).
/// </summary>
public abstract class DeadlineReminderTests(TablePortal portal)
{
    private static readonly DateOnly Deadline = new(2023, 10, 27);

    private async Task<ReminderPass> RunAsync()
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().RunAsync(CancellationToken.None);
    }

    private Task<List<Guid>> UsersOfAsync(Guid organisationId) =>
        portal.WithDbAsync(db => db.Users.Where(u => u.OrganisationId == organisationId).Select(u => u.Id).ToListAsync());

    private Task<List<DeadlineReminder>> RemindersAsync(Guid recordId) =>
        portal.WithDbAsync(db => db.DeadlineReminders.AsNoTracking().Where(r => r.RecordId == recordId).ToListAsync());

    /// <summary>Whether every notice of this kind to the person is read.</summary>
    private Task<bool> ReadAsync(Guid userId, NotificationKind kind) =>
        portal.WithDbAsync(async db =>
        {
            var notices = await db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == userId && n.Kind == kind).ToListAsync();
            Assert.NotEmpty(notices);
            return notices.All(n => n.ReadAtUtc != null);
        });

    private static List<Guid> Who(IEnumerable<DeadlineReminder> reminders, ReminderSubject subject, int step) =>
        reminders.Where(r => r.Subject == subject && r.DaysBefore == step).Select(r => r.UserId).Order().ToList();

    /// <summary>An application of a listed enterprise, through the domain (report file, contact), then <paramref name="then"/>.</summary>
    private Task<(Guid Application, Guid? Supplement)> ApplicationAsync(Guid batchId, Arranged e, Action<QuotaApplication, DateOnly> then) =>
        portal.WithDbAsync(async db =>
        {
            var batch = await db.Batches.FirstAsync(b => b.Id == batchId);
            var assessment = await db.Assessments.FirstAsync(a => a.Id == e.AssessmentId);
            var report = new StoredFile(e.EnterpriseId, "评估报告.pdf", "application/pdf", 1024, new string('a', 64), $"test/{Guid.NewGuid():N}.pdf", "测试", portal.Now);
            db.StoredFiles.Add(report);
            // Basis 4 asks for no evidence, so the contact completes the application.
            var application = new QuotaApplication(
                new ApplicationOrigin(e.EnterpriseId, batch.ProgrammeYearId, batch.Id, assessment.RecommendingUnitId, assessment.Id, assessment.AgencyId,
                    report.Id, [RecommendationBasis.Voluntary]),
                new StatedAssessment(e.Name, e.CreditCode, new MaturityScore(3.20m), MaturityLevel.Three, "先进级"), true, portal.Now,
                ("申请联系人", "021-6000 1000", "apply@example.cn"));
            then(application, batch.Deadline);
            db.QuotaApplications.Add(application);
            await db.SaveChangesAsync();
            return (application.Id, application.OpenSupplementRequest?.Id);
        });

    private Task SubmitApplicationAsync(Guid applicationId) =>
        portal.WithDbAsync(async db =>
        {
            var application = await db.QuotaApplications.FirstAsync(a => a.Id == applicationId);
            var batch = await db.Batches.FirstAsync(b => b.Id == application.BatchId);
            application.Submit(portal.Now, batch.Deadline);
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Only_those_who_have_not_acted_are_reminded_once_per_person_and_step_on_one_instance_or_two()
    {
        try
        {
            var batch = await NewBatchAsync(portal, Deadline);
            // 浦东新区 recommended and has its assessment confirmed, but no table yet.
            await EnterpriseAsync(portal, batch);
            // 闵行区 submitted its table with four enterprises.
            var listed = await EnterprisesAsync(portal, batch, 4, unitName: "闵行区");
            var minhang = await portal.SignedInAsync(Minhang);
            var table = await SealedAsync(portal, batch, minhang);
            await minhang.ActOkAsync(table, "Submit");
            var (noApplication, submitted, draft, returned) = (listed[0], listed[1], listed[2], listed[3]);
            var enterpriseUsers = new Dictionary<Guid, Guid>();
            foreach (var e in listed)
            {
                var email = await AssessmentArrange.NewUserAsync(portal, e.EnterpriseId, Roles.Enterprise);
                enterpriseUsers[e.EnterpriseId] = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());
            }
            await ApplicationAsync(batch, submitted, (a, deadline) => a.Submit(portal.Now, deadline));
            var (draftApplication, _) = await ApplicationAsync(batch, draft, (_, _) => { });
            // Returned on 20 October with the supplement due on the 23rd: 3 days.
            var (_, supplement) = await ApplicationAsync(batch, returned, (a, deadline) =>
            {
                a.Submit(portal.Now, deadline);
                a.StartReview();
                a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "联系电话无法接通")], new DateOnly(2023, 10, 23), deadline, "测试审核员", portal.Now);
            });
            var pudongId = await AssessmentArrange.UnitIdAsync(portal, "浦东新区");
            var minhangId = await AssessmentArrange.UnitIdAsync(portal, "闵行区");
            var pudongUsers = (await UsersOfAsync(pudongId)).Order().ToList();
            Assert.NotEmpty(pudongUsers);

            // ---- 20 October: 7 days before the deadline, 3 before the return's due date.
            await RunAsync();

            var reminders = await RemindersAsync(batch);
            Assert.Equal(pudongUsers, Who(reminders, ReminderSubject.SummaryTable, 7));
            Assert.Empty((await UsersOfAsync(minhangId)).Intersect(reminders.Select(r => r.UserId)));
            Assert.Equal(new[] { enterpriseUsers[noApplication.EnterpriseId], enterpriseUsers[draft.EnterpriseId] }.Order(),
                Who(reminders, ReminderSubject.QuotaApplication, 7));
            var supplementReminder = Assert.Single(await RemindersAsync(supplement!.Value));
            Assert.Equal((enterpriseUsers[returned.EnterpriseId], ReminderSubject.Supplement, 3, new DateOnly(2023, 10, 23)),
                (supplementReminder.UserId, supplementReminder.Subject, supplementReminder.DaysBefore, supplementReminder.Deadline));

            // Each reminder is a notice to the person, with its e-mail.
            var noticeToDistrict = await portal.WithDbAsync(db => db.Notifications.AsNoTracking()
                .FirstAsync(n => n.RecipientUserId == pudongUsers[0] && n.Kind == NotificationKind.SummaryTableDeadlineReminder && n.TargetId == batch));
            Assert.StartsWith("汇总表报送提醒：", noticeToDistrict.Title);
            Assert.Contains("2023年10月27日", noticeToDistrict.Body);
            Assert.Contains("还剩7天", noticeToDistrict.Body);
            Assert.Contains("尚未建立", noticeToDistrict.Body);
            var districtEmail = await portal.WithDbAsync(db => db.Users.Where(u => u.Id == pudongUsers[0]).Select(u => u.Email!).FirstAsync());
            Assert.Equal(1, await portal.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.To == districtEmail && m.Subject == "【智评券】" + noticeToDistrict.Title)));
            var enterpriseNotice = await portal.WithDbAsync(db => db.Notifications.AsNoTracking()
                .FirstAsync(n => n.RecipientUserId == enterpriseUsers[noApplication.EnterpriseId] && n.Kind == NotificationKind.ApplicationDeadlineReminder));
            Assert.Contains("本企业已列入闵行区报送的《", enterpriseNotice.Body);

            // ---- the same day again: nothing new.
            var again = await RunAsync();
            Assert.Equal(reminders.Count, (await RemindersAsync(batch)).Count);
            Assert.Single(await RemindersAsync(supplement.Value));
            Assert.True(again.AlreadySent >= reminders.Count + 1);

            // ---- 24 October (3 days): the draft was submitted meanwhile; two instances run at the same moment.
            portal.Now = TablePortal.Start.AddDays(1);
            await SubmitApplicationAsync(draftApplication);
            // The step taken settles the reminders that asked for it: the filed draft's, and the answered return's.
            Assert.True(await ReadAsync(enterpriseUsers[draft.EnterpriseId], NotificationKind.ApplicationDeadlineReminder));
            Assert.False(await ReadAsync(enterpriseUsers[noApplication.EnterpriseId], NotificationKind.ApplicationDeadlineReminder));
            Assert.False(await ReadAsync(enterpriseUsers[returned.EnterpriseId], NotificationKind.SupplementDueReminder));
            await portal.WithDbAsync(async db =>
            {
                var application = await db.QuotaApplications.Include(a => a.Evidence).Include(a => a.SupplementRequests).ThenInclude(r => r.Items)
                    .FirstAsync(a => a.EnterpriseId == returned.EnterpriseId);
                application.UpdateContact("申请联系人", "021-6000 2000", "apply@example.cn");
                application.Resubmit("电话已更正", portal.Now);
                return await db.SaveChangesAsync();
            });
            Assert.True(await ReadAsync(enterpriseUsers[returned.EnterpriseId], NotificationKind.SupplementDueReminder));
            portal.Now = TablePortal.Start.AddDays(4);
            var noticesBefore = await portal.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.ApplicationDeadlineReminder
                || n.Kind == NotificationKind.SummaryTableDeadlineReminder || n.Kind == NotificationKind.SupplementDueReminder));

            var passes = await Task.WhenAll(Task.Run(RunAsync), Task.Run(RunAsync));

            reminders = await RemindersAsync(batch);
            Assert.Equal(pudongUsers, Who(reminders, ReminderSubject.SummaryTable, 3));
            Assert.Equal([enterpriseUsers[noApplication.EnterpriseId]], Who(reminders, ReminderSubject.QuotaApplication, 3));
            Assert.Single(await RemindersAsync(supplement.Value));
            var expectedNew = pudongUsers.Count + 1;
            Assert.Equal(expectedNew, passes.Sum(p => p.Sent));
            Assert.Equal(expectedNew, await portal.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.ApplicationDeadlineReminder
                || n.Kind == NotificationKind.SummaryTableDeadlineReminder || n.Kind == NotificationKind.SupplementDueReminder)) - noticesBefore);

            // ---- 26 October (1 day): 浦东新区 submitted on the 25th; only the enterprise without an application is left.
            portal.Now = TablePortal.Start.AddDays(5);
            await SubmittedAsync(portal, batch);
            portal.Now = TablePortal.Start.AddDays(6);
            await RunAsync();

            reminders = await RemindersAsync(batch);
            Assert.Empty(Who(reminders, ReminderSubject.SummaryTable, 1));
            Assert.Equal([enterpriseUsers[noApplication.EnterpriseId]], Who(reminders, ReminderSubject.QuotaApplication, 1));

            // ---- the deadline day and after: no reminder.
            portal.Now = TablePortal.Start.AddDays(7);
            var onTheDay = await RunAsync();
            Assert.Equal(reminders.Count, (await RemindersAsync(batch)).Count);
            Assert.Equal(0, onTheDay.Sent);
        }
        finally
        {
            portal.Now = TablePortal.Start;
        }
    }

    [Fact]
    public async Task The_database_refuses_a_second_reminder_for_the_same_person_and_step()
    {
        var user = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == Pudong).Select(u => u.Id).FirstAsync());
        var record = Guid.NewGuid();
        await portal.WithDbAsync(db =>
        {
            db.DeadlineReminders.Add(new DeadlineReminder(user, ReminderSubject.SummaryTable, record, Deadline, 7, portal.Now));
            return db.SaveChangesAsync();
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => portal.WithDbAsync(db =>
        {
            db.DeadlineReminders.Add(new DeadlineReminder(user, ReminderSubject.SummaryTable, record, Deadline, 7, portal.Now));
            return db.SaveChangesAsync();
        }));
        // The next step, or a deadline moved by an extension, is another reminder.
        await portal.WithDbAsync(db =>
        {
            db.DeadlineReminders.Add(new DeadlineReminder(user, ReminderSubject.SummaryTable, record, Deadline, 3, portal.Now));
            db.DeadlineReminders.Add(new DeadlineReminder(user, ReminderSubject.SummaryTable, record, Deadline.AddDays(7), 7, portal.Now));
            return db.SaveChangesAsync();
        });
        Assert.Equal(3, (await RemindersAsync(record)).Count);
    }
}

[Collection("sqlite")]
public sealed class DeadlineReminderTests_Sqlite(TableSqlitePortal portal) : DeadlineReminderTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class DeadlineReminderTests_Postgres(TablePostgresPortal portal) : DeadlineReminderTests(portal), IClassFixture<TablePostgresPortal>;
