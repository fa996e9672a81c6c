using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.Applications;

/// <summary>
/// Who is told what as an application goes through the review (docs/domain.md §4.4–§4.5): the party that must act next — the
/// third party when the enterprise submits or resubmits, the enterprise when the third party returns, passes or rejects —
/// in-app and by e-mail through the outbox (<see cref="Notifier"/>). Acting on a notice settles it. No notice carries the
/// stated score or level.
/// </summary>
public sealed class ApplicationNotices(Notifier notify, AppDbContext db, ICurrentUser user) :
    IDomainEventHandler<ApplicationSubmitted>,
    IDomainEventHandler<ApplicationResubmitted>,
    IDomainEventHandler<ApplicationReviewStarted>,
    IDomainEventHandler<ApplicationReturned>,
    IDomainEventHandler<ApplicationPassed>,
    IDomainEventHandler<ApplicationRejected>,
    IDomainEventHandler<ApplicationWithdrawn>
{
    public async Task HandleAsync(ApplicationSubmitted e, CancellationToken ct)
    {
        // Filed: the batch deadline's reminders to the enterprise's people have been answered.
        await notify.SettleAsync(e.EnterpriseId, NotificationTarget.Batch(e.BatchId), [NotificationKind.ApplicationDeadlineReminder], ct);
        var enterprise = await notify.OrganisationNameAsync(e.EnterpriseId, ct);
        await notify.ToEveryAsync(OrganisationKind.ThirdParty, NotificationKind.ApplicationAwaitingReview, $"额度申请待审核：{enterprise}",
            $"{enterprise}提交了{await BatchLabelAsync(e.BatchId, ct)}智评券额度申请，请审核。", NotificationTarget.QuotaApplication(e.ApplicationId), ct);
    }

    public async Task HandleAsync(ApplicationResubmitted e, CancellationToken ct)
    {
        var target = NotificationTarget.QuotaApplication(e.ApplicationId);
        await notify.SettleAsync(e.EnterpriseId, target, EnterpriseReturnNotices, ct);
        var enterprise = await notify.OrganisationNameAsync(e.EnterpriseId, ct);
        await notify.ToEveryAsync(OrganisationKind.ThirdParty, NotificationKind.ApplicationAwaitingReview, $"额度申请已补正，待审核：{enterprise}",
            $"{enterprise}按第{e.Sequence}次补正要求修改了额度申请（{e.ChangeCount}处修改）并重新提交，请审核。", target, ct);
    }

    public Task HandleAsync(ApplicationReviewStarted e, CancellationToken ct) =>
        SettleOwnAsync(NotificationTarget.QuotaApplication(e.ApplicationId), NotificationKind.ApplicationAwaitingReview, ct);

    public async Task HandleAsync(ApplicationReturned e, CancellationToken ct) =>
        await notify.ToOrganisationAsync(e.EnterpriseId, NotificationKind.ApplicationReturned, "额度申请被退回补正",
            $"第三方机构退回了本企业的额度申请，请在{ShanghaiTime.FormatDate(e.DueDate)}前按以下要求补正后重新提交：{e.Reasons}",
            NotificationTarget.QuotaApplication(e.ApplicationId), ct);

    public async Task HandleAsync(ApplicationPassed e, CancellationToken ct) =>
        await notify.ToOrganisationAsync(e.EnterpriseId, NotificationKind.ApplicationPassed, "额度申请审核通过",
            "本企业的智评券额度申请已通过第三方机构审核，将由市经信委办理额度兑换（兑付给评估服务机构）。",
            NotificationTarget.QuotaApplication(e.ApplicationId), ct);

    public async Task HandleAsync(ApplicationRejected e, CancellationToken ct) =>
        await notify.ToOrganisationAsync(e.EnterpriseId, NotificationKind.ApplicationRejected, "额度申请审核不通过",
            $"本企业的智评券额度申请未通过第三方机构审核，原因：{e.Reason}", NotificationTarget.QuotaApplication(e.ApplicationId), ct);

    /// <summary>A withdrawn application answers no return: the return's notice and its due-date reminders are settled.</summary>
    public Task HandleAsync(ApplicationWithdrawn e, CancellationToken ct) =>
        notify.SettleAsync(e.EnterpriseId, NotificationTarget.QuotaApplication(e.ApplicationId), EnterpriseReturnNotices, ct);

    /// <summary>What asks the enterprise to answer a return: the return itself and the reminders of its due date.</summary>
    private static readonly NotificationKind[] EnterpriseReturnNotices = [NotificationKind.ApplicationReturned, NotificationKind.SupplementDueReminder];

    /// <summary>The acting user's organisation has dealt with its notices of this kind about the application.</summary>
    private async Task SettleOwnAsync(NotificationTarget target, NotificationKind kind, CancellationToken ct)
    {
        if (user.OrganisationId is { } organisation)
        {
            await notify.SettleAsync(organisation, target, [kind], ct);
        }
    }

    private async Task<string> BatchLabelAsync(Guid batchId, CancellationToken ct)
    {
        var batch = await (from b in db.Batches where b.Id == batchId
                           join y in db.ProgrammeYears on b.ProgrammeYearId equals y.Id
                           select new { y.Year, b.Name }).AsNoTracking().FirstOrDefaultAsync(ct);
        return batch is null ? string.Empty : $"{batch.Year}年度{batch.Name}";
    }
}
