using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Applications;

/// <summary>
/// 额度审核 (docs/domain.md §4.5): the third party's queue of every submitted application, the review page (opening one moves
/// it to 审核中) with the checklist and every automatic check, and the decisions — pass, reject with a reason, return named
/// items with a due date, pass several green ones at once after a confirmation. The commission and the district (its own
/// unit's) read the same pages without the decisions. The views live in <c>Features/Reviews</c> (views are found by
/// controller name).
/// </summary>
[Authorize(Roles = $"{Roles.ThirdParty},{Roles.Commission},{Roles.District}")]
public sealed class ReviewsController(ReviewService reviews, ApplicationService applications, ProgrammeChoices choices) : Controller
{
    public const string DecisionErrorKey = "Decision";
    public const string ReturnErrorKey = "Return";

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ReviewFilter filter, CancellationToken ct) =>
        View(new ReviewIndexModel
        {
            Filter = filter,
            Applications = await reviews.QueueAsync(User, filter, ct),
            Batches = await choices.BatchesAsync(null, ct),
            Units = User.IsInRole(Roles.District) ? [] : await choices.UnitsAsync(ct),
            QueueCounts = await reviews.QueueCountsAsync(User, ct),
            CanDecide = User.IsInRole(Roles.ThirdParty),
        });

    /// <summary>The review page. A reviewer of the third party opening a submitted or resubmitted application starts its review.</summary>
    [ScopedId<QuotaApplication>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        if (User.IsInRole(Roles.ThirdParty) && await applications.FindAsync(id, ct) is { } tracked)
        {
            await reviews.OpenAsync(tracked, ct);
        }
        return await PageAsync(id, null, null, null, ct);
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> Pass(Guid id, Guid? version, string? remark, CancellationToken ct)
    {
        var a = await applications.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(DecisionErrorKey, () => reviews.PassAsync(a, version, remark, User.GetDisplayName(), ct)))
        {
            return await PageAsync(id, null, null, remark, ct);
        }
        TempData["Success"] = $"已审核通过“{a.EnterpriseName}”的额度申请，已通知企业。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> Reject(Guid id, Guid? version, string? reason, CancellationToken ct)
    {
        var a = await applications.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(DecisionErrorKey, () => reviews.RejectAsync(a, version, reason, User.GetDisplayName(), ct)))
        {
            return await PageAsync(id, null, reason, null, ct);
        }
        TempData["Success"] = $"已作出“审核不通过”结论，原因已告知“{a.EnterpriseName}”。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> Return(Guid id, ReturnForm form, CancellationToken ct)
    {
        var a = await applications.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!await ModelState.TryAsync(ReturnErrorKey, () => reviews.ReturnAsync(a, form, User.GetDisplayName(), ct)))
        {
            return await PageAsync(id, form, null, null, ct);
        }
        TempData["Success"] = $"已退回补正，补正截止 {Display.LongDate(form.DueDate!.Value)}，已通知“{a.EnterpriseName}”。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The confirmation step of a bulk pass: the chosen applications, which are green and will be passed, which not.</summary>
    [ScopedId<QuotaApplication>(RecordAccess.Edit, "ids")]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> BulkConfirm(List<Guid>? ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            TempData["Error"] = "请先在列表中勾选要批量通过的申请。";
            return RedirectToAction(nameof(Index), new { queue = ReviewQueue.AwaitingReview });
        }
        return View(new BulkConfirmModel { Candidates = await reviews.BulkCandidatesAsync(User, ids, ct) });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit, "items.Id")]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> BulkPass(List<BulkItemForm>? items, CancellationToken ct)
    {
        if (items is null || items.Count == 0)
        {
            TempData["Error"] = "没有要批量通过的申请。";
            return RedirectToAction(nameof(Index));
        }
        var outcome = await reviews.BulkPassAsync(User, items, User.GetDisplayName(), ct);
        TempData["Success"] = $"已批量审核通过{outcome.Passed.Count}份申请：{string.Join("、", outcome.Passed)}。"
            + (outcome.Skipped.Count > 0 ? $"以下申请未通过（需逐份审核）：{string.Join("、", outcome.Skipped)}。" : string.Empty);
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> PageAsync(Guid id, ReturnForm? postedReturn, string? postedReason, string? postedRemark, CancellationToken ct)
    {
        var a = await applications.FindForReadAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        return View(nameof(Details), new ReviewPageModel
        {
            View = await applications.ViewAsync(a, ct),
            Checks = await reviews.ChecksAsync(a, ct),
            CanDecide = User.IsInRole(Roles.ThirdParty) && QuotaApplicationRules.UnderReview.IsSatisfiedBy(a),
            LatestDueDate = await reviews.LatestDueDateAsync(a, ct),
            PostedReturn = postedReturn,
            PostedReason = postedReason,
            PostedRemark = postedRemark,
        });
    }
}
