using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Assignments;

/// <summary>
/// 评估指派 (docs/domain.md §4.2): the district assigns an agency to a recommended enterprise of its unit and may
/// change it until the report is submitted; the enterprise agrees; the agency declares no conflict of
/// interest and accepts. Every record is looked up inside the user's own scope (its unit, its enterprise,
/// the agency assigned), so another organisation's assessment answers 404 on GET and POST alike.
/// </summary>
public sealed class AssignmentsController(
    AssignmentService service,
    AgencyChoices agencies,
    EnterpriseAccountStates accountStates) : Controller
{
    // ---- District -------------------------------------------------------------------------------

    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Index([FromQuery] AssignmentFilter filter, CancellationToken ct)
    {
        var unit = User.RequireOrganisationId();
        return View(new AssignmentListModel
        {
            Filter = filter,
            Assignments = await PagedList.CreateAsync(service.ForUnit(unit, filter), filter, ct),
            Today = service.Today,
            UnassignedCount = await service.UnassignedCountAsync(unit, ct),
            Notices = await service.NoticesAsync(unit, ct),
        });
    }

    /// <summary>Recommended enterprises of the unit without an agency; <paramref name="batchId"/> narrows it to one batch (after an import).</summary>
    [ScopedId<Batch>(RecordAccess.Read, "batchId")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Unassigned(string? q, Guid? batchId, int page = 1, CancellationToken ct = default)
    {
        var unit = User.RequireOrganisationId();
        var rows = service.Unassigned(unit, q, batchId);
        var list = string.IsNullOrWhiteSpace(q) && batchId is null
            ? await PagedList.CreateAsync(rows, await service.UnassignedCountAsync(unit, ct), page, r => r, ct: ct)
            : await PagedList.CreateAsync(rows, page, ct: ct);
        return View(new UnassignedListModel
        {
            Q = q,
            BatchId = batchId,
            BatchTitle = batchId is { } b ? await service.BatchTitleAsync(b, ct) : null,
            Recommendations = list,
        });
    }

    [ScopedId<Recommendation>(RecordAccess.Edit, "recommendationId")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Assign(Guid recommendationId, CancellationToken ct)
    {
        var recommendation = await OwnRecommendationAsync(recommendationId, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        if (await service.AssessmentOfAsync(recommendationId, ct) is { } existing)
        {
            TempData["Error"] = "该企业的本次推荐已指派服务机构，如需更换请改派。";
            return RedirectToAction(nameof(Details), new { id = existing });
        }
        return View(await AssignPageAsync(new AssignForm { RecommendationId = recommendationId }, recommendation, ct));
    }

    [ScopedId<Recommendation>(RecordAccess.Edit, "form.RecommendationId")]
    [NotAScopedId("form.AgencyId", "a choice from the assignable agencies; the domain refuses one the unit may not assign, with the message beside the choice")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Assign(AssignForm form, CancellationToken ct)
    {
        var recommendation = await OwnRecommendationAsync(form.RecommendationId, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        var assessment = await ModelState.TryAsync(() => service.AssignAsync(recommendation, form.AgencyId, User.GetDisplayName(), ct));
        if (assessment is null)
        {
            return View(await AssignPageAsync(form, recommendation, ct));
        }
        TempData["Success"] = $"已为{recommendation.Enterprise!.Name}指派服务机构，等待企业确认。";
        return RedirectToAction(nameof(Details), new { id = assessment.Id });
    }

    /// <summary>Bulk assignment, step 1: the enterprises ticked on the unassigned list; choose one agency for all.</summary>
    [ScopedId<Recommendation>(RecordAccess.Edit, "ids")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> BulkAssign(Guid[] ids, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            TempData["Error"] = AssignmentService.NothingChosenMessage;
            return RedirectToAction(nameof(Unassigned));
        }
        return View(await BulkChoosePageAsync(ids, null, ct));
    }

    /// <summary>
    /// Bulk assignment, step 2 and 3: without <paramref name="confirmed"/> the page lists the enterprises with the agency
    /// (and names any row that stops the set); with it, all are assigned in one transaction or none.
    /// </summary>
    [ScopedId<Recommendation>(RecordAccess.Edit, "ids")]
    [NotAScopedId("agencyId", "a choice from the assignable agencies; the domain refuses one the unit may not assign, with the message beside the choice, as the single assignment does")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> BulkAssign(Guid[] ids, Guid? agencyId, bool confirmed, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            TempData["Error"] = AssignmentService.NothingChosenMessage;
            return RedirectToAction(nameof(Unassigned));
        }
        var unit = User.RequireOrganisationId();
        var by = User.GetDisplayName();
        var plan = await ModelState.TryAsync(async () =>
        {
            var (agency, rows) = await service.PlanBulkAsync(unit, ids, agencyId, by, ct);
            return new BulkAssignPageModel { Ids = ids, Rows = rows, AgencyId = agency.Id, Agency = agency };
        });
        if (plan is null)
        {
            return View(nameof(BulkAssign), await BulkChoosePageAsync(ids, agencyId, ct));
        }
        if (!confirmed || plan.Refused)
        {
            return View("BulkConfirm", plan);
        }
        if (await ModelState.TryAsync(() => service.BulkAssignAsync(unit, ids, agencyId, by, ct)) is null)
        {
            return View(nameof(BulkAssign), await BulkChoosePageAsync(ids, agencyId, ct));
        }
        TempData["Success"] = $"已为{ids.Distinct().Count()}家企业指派服务机构，等待企业确认。";
        return RedirectToAction(nameof(BulkAssigned), new { ids });
    }

    /// <summary>Bulk assignment's result: one row per enterprise with its agency and where it stands.</summary>
    [ScopedId<Recommendation>(RecordAccess.Edit, "ids")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> BulkAssigned(Guid[] ids, CancellationToken ct) =>
        View(new BulkAssignedModel { Rows = await service.AssignedForAsync(User.RequireOrganisationId(), ids, ct) });

    [ScopedId<Assessment>]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Reassign(Guid id, CancellationToken ct)
    {
        var assessment = await ScopedAsync(id, ct, tracked: false);
        if (assessment is null)
        {
            return NotFound();
        }
        if (!AssessmentRules.Reassignable.IsSatisfiedBy(assessment))
        {
            TempData["Error"] = Assessment.ReassignClosedMessage(assessment.State);
            return RedirectToAction(nameof(Details), new { id });
        }
        return View(await ReassignPageAsync(new ReassignForm { Version = assessment.Version }, assessment, ct));
    }

    [NotAScopedId("form.AgencyId", "a choice from the assignable agencies; the domain refuses one the unit may not assign, with the message beside the choice")]
    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Reassign(Guid id, ReassignForm form, CancellationToken ct)
    {
        var assessment = await ScopedAsync(id, ct, tracked: true);
        if (assessment is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(() => service.ReassignAsync(assessment, form.Version, form.AgencyId, form.Reason, User.GetDisplayName(), ct)))
        {
            var fresh = await ScopedAsync(id, ct, tracked: false, fresh: true);
            return View(await ReassignPageAsync(form, fresh!, ct));
        }
        TempData["Success"] = "已改派服务机构，等待企业重新确认。";
        return RedirectToAction(nameof(Details), new { id });
    }

    // ---- Everyone who may read the record ---------------------------------------------------------

    [ScopedId<Assessment>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var assessment = await service.FindForReadAsync(id, ct);
        if (assessment is null)
        {
            return NotFound();
        }
        var org = User.GetOrganisationId();
        var reader = User.AsHistoryReader();
        var history = AssessmentHistoryPolicy.Visible(reader, assessment, await service.HistoryAsync(id, ct), e => e.Action);
        var today = service.Today;
        return View(new AssignmentDetailsModel
        {
            Assessment = assessment,
            UnitName = await service.UnitNameAsync(assessment.RecommendingUnitId, ct),
            Year = assessment.Recommendation!.Batch!.ProgrammeYear!.Year,
            BatchName = assessment.Recommendation.Batch.Name,
            Today = today,
            Changes = AssessmentHistoryPolicy.SeesAgencyChanges(reader) ? await service.ChangesAsync(assessment, ct) : [],
            ShowsChanges = AssessmentHistoryPolicy.SeesAgencyChanges(reader),
            History = history,
            CanAgree = User.IsInRole(Roles.Enterprise) && assessment.EnterpriseId == org && AssessmentRules.AwaitingEnterpriseAgreement.IsSatisfiedBy(assessment),
            CanDeclare = User.IsInRole(Roles.Agency) && assessment.AgencyId == org && AssessmentRules.OpenToAgency.IsSatisfiedBy(assessment),
            CanReassign = User.IsInRole(Roles.District) && assessment.RecommendingUnitId == org && AssessmentRules.Reassignable.IsSatisfiedBy(assessment),
            AgencyQualifiesToday = assessment.Agency!.CanLeadToRedemption(today),
        });
    }

    // ---- Enterprise ---------------------------------------------------------------------------------

    [HttpGet]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Mine(bool toAgree = false, CancellationToken ct = default) =>
        View(new EnterpriseProgressModel
        {
            ToAgree = toAgree,
            Rows = await service.ProgressOfEnterpriseAsync(User.RequireOrganisationId(), toAgree, ct),
        });

    /// <summary>Asks before the enterprise agrees to the agency: once agreed, only the district can change it.</summary>
    [ScopedId<Assessment>]
    [HttpGet]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Agree(Guid id, CancellationToken ct)
    {
        var assessment = await ScopedAsync(id, ct, tracked: false);
        if (assessment is null)
        {
            return NotFound();
        }
        if (!AssessmentRules.AwaitingEnterpriseAgreement.IsSatisfiedBy(assessment))
        {
            TempData["Error"] = "该评估不在待本企业确认的状态。";
            return RedirectToAction(nameof(Details), new { id });
        }
        return View("ConfirmStep", new ConfirmStepModel
        {
            Title = "同意由该机构评估",
            Facts = [("企业", assessment.Enterprise!.Name), ("服务机构", assessment.Agency!.Name), ("级别", assessment.Agency.Level.ToChinese())],
            Consequences =
            [
                $"本企业同意由{assessment.Agency.Name}进行智能工厂评估诊断，该机构将收到通知；",
                "服务机构声明无利益冲突后即开始评估；",
                "同意后本企业不能再拒绝该机构，如需更换只能联系推荐单位改派。",
            ],
            PostUrl = Url.Action(nameof(Agree), new { id })!,
            CancelUrl = Url.Action(nameof(Details), new { id })!,
            ButtonText = "同意由该机构评估",
            Hidden = [("version", assessment.Version.ToString())],
        });
    }

    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Agree(Guid id, Guid? version, bool confirmed, CancellationToken ct)
    {
        if (!confirmed)
        {
            return RedirectToAction(nameof(Agree), new { id });
        }
        var assessment = await ScopedAsync(id, ct, tracked: true);
        if (assessment is null)
        {
            return NotFound();
        }
        if (await TempData.TryAsync("未确认：", () => service.AgreeAsync(assessment, version, User.GetDisplayName(), ct)))
        {
            TempData["Success"] = "已确认评估服务机构，等待服务机构声明无利益冲突并接受任务。";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The enterprise declines the assigned agency with a reason; the district is told to reassign.</summary>
    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Decline(Guid id, Guid? version, string? reason, CancellationToken ct)
    {
        var assessment = await ScopedAsync(id, ct, tracked: true);
        if (assessment is null)
        {
            return NotFound();
        }
        if (await TempData.TryAsync("未拒绝：", () => service.DeclineAsync(assessment, version, reason, User.GetDisplayName(), ct)))
        {
            TempData["Success"] = "已拒绝该服务机构并告知推荐单位，推荐单位将改派其他服务机构。";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    // ---- Agency -------------------------------------------------------------------------------------

    [HttpGet]
    [Authorize(Roles = Roles.Agency)]
    public async Task<IActionResult> Tasks([FromQuery] TaskFilter filter, CancellationToken ct)
    {
        var agency = User.RequireOrganisationId();
        return View(new TaskListModel
        {
            Filter = filter,
            Tasks = await PagedList.CreateAsync(service.ForAgency(agency, filter.PendingOnly), filter.Page, ct: ct),
            PendingCount = await service.PendingForAgencyAsync(agency, ct),
            Today = service.Today,
        });
    }

    /// <summary>
    /// The agency's declaration on conflict of interest: none → it accepts and the assessment starts;
    /// a conflict → recorded, the task is not accepted, and the district is told to reassign.
    /// </summary>
    [ScopedId<Assessment>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Agency)]
    public async Task<IActionResult> Accept(Guid id, Guid? version, bool? hasConflict, string? statement, CancellationToken ct)
    {
        var assessment = await ScopedAsync(id, ct, tracked: true);
        if (assessment is null || !await this.MayAsync(assessment, Operations.Edit))
        {
            return NotFound();
        }
        if (hasConflict is null)
        {
            TempData["Error"] = "请选择本机构与该企业是否存在利益冲突。";
            return RedirectToAction(nameof(Details), new { id });
        }
        var accepted = false;
        if (await TempData.TryAsync("未接受：", async () =>
                accepted = await service.DeclareAsync(assessment, version, hasConflict.Value, statement, User.GetDisplayName(), ct)))
        {
            TempData[accepted ? "Success" : "Error"] = accepted
                ? "已声明无利益冲突并接受评估任务，评估开始。"
                : "已记录利益冲突声明，本机构未接受该评估任务；推荐单位已收到通知，将改派其他服务机构。";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    // ---- Helpers ------------------------------------------------------------------------------------

    private Task<Assessment?> ScopedAsync(Guid id, CancellationToken ct, bool tracked, bool fresh = false) =>
        service.ScopedAsync(id, User, tracked, ct, fresh);

    /// <summary>A recommendation of the district's own unit, or null (→ 404) for any other id.</summary>
    private Task<Recommendation?> OwnRecommendationAsync(Guid id, CancellationToken ct) =>
        service.OwnRecommendationAsync(id, User, ct);

    private async Task<AssignPageModel> AssignPageAsync(AssignForm form, Recommendation recommendation, CancellationToken ct) => new()
    {
        Form = form,
        Recommendation = recommendation,
        Agencies = await agencies.AssignableAsync(User.RequireOrganisationId(), ct),
        EnterpriseAccount = await accountStates.ForAsync(recommendation.EnterpriseId, ct),
    };

    private async Task<BulkAssignPageModel> BulkChoosePageAsync(Guid[] ids, Guid? agencyId, CancellationToken ct) => new()
    {
        Ids = ids,
        Rows = await service.ChosenAsync(User.RequireOrganisationId(), ids, ct),
        Agencies = await agencies.AssignableAsync(User.RequireOrganisationId(), ct),
        AgencyId = agencyId,
    };

    private async Task<ReassignPageModel> ReassignPageAsync(ReassignForm form, Assessment assessment, CancellationToken ct) => new()
    {
        Form = form,
        Assessment = assessment,
        Agencies = await agencies.AssignableAsync(User.RequireOrganisationId(), ct),
    };
}
