using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Recommendations;

public sealed class RecommendationDetailsModel
{
    public required Recommendation Recommendation { get; init; }
    public required Enterprise Enterprise { get; init; }
    public required string UnitName { get; init; }
    public required int Year { get; init; }
    public required IReadOnlyList<AuditEntry> History { get; init; }
    public bool AssessmentAssigned { get; init; }
    public bool CanEdit { get; init; }
}

/// <summary>
/// 企业推荐 (docs/domain.md §4.1): the district recommends enterprises of its own unit to an open batch, once per
/// programme year, and may withdraw until an agency is assigned. Another unit's record answers 404.
/// The commission and the third party may read a record; every other action is the district's (no administrator reads one).
/// </summary>
[Authorize(Roles = $"{Roles.District},{Roles.Commission},{Roles.ThirdParty}")]
public sealed class RecommendationsController(
    RecommendationService service,
    EnterpriseRecommendations enterpriseRecommendations) : Controller
{
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Index([FromQuery] RecommendationFilter filter, CancellationToken ct)
    {
        var unit = User.RequireOrganisationId();
        var page = await PagedList.CreateAsync(service.Search(unit, filter), filter, ct);
        return View(new RecommendationListModel { Filter = filter, Recommendations = page, Batches = await service.BatchesAsync(ct) });
    }

    [ScopedId<Recommendation>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var recommendation = await service.FindForReadAsync(id, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        return View(new RecommendationDetailsModel
        {
            Recommendation = recommendation,
            Enterprise = recommendation.Enterprise!,
            UnitName = recommendation.RecommendingUnit?.Name ?? "",
            Year = recommendation.Batch!.ProgrammeYear!.Year,
            History = await service.HistoryAsync(id, ct),
            AssessmentAssigned = await service.AssessmentAssignedAsync(id, ct),
            CanEdit = await this.MayAsync(recommendation, Operations.Edit),
        });
    }

    [ScopedId<Enterprise>(RecordAccess.Edit, "enterpriseId")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Create(Guid enterpriseId, CancellationToken ct)
    {
        var enterprise = await OwnEnterpriseAsync(enterpriseId, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        var form = new RecommendationForm { EnterpriseId = enterprise.Id }.Complete();
        var model = await EditModelAsync(form, enterprise, null, ct);
        form.BatchId = model.Batches.FirstOrDefault()?.Id;
        return View(model);
    }

    [ScopedId<Enterprise>(RecordAccess.Edit, "form.EnterpriseId")]
    [NotAScopedId("form.BatchId", "a choice among the programme's batches, which every district may use; an unknown one is refused beside the field, a closed one by the deadline rule")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Create(RecommendationForm form, [FromServices] IValidator<RecommendationForm> validator, CancellationToken ct)
    {
        var enterprise = await OwnEnterpriseAsync(form.EnterpriseId, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        if (form.Command == RecommendationCommands.AddRows)
        {
            ModelState.Clear();
            return View(await EditModelAsync(form.Complete(extraRows: 3), enterprise, null, ct));
        }
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(await EditModelAsync(form.Complete(), enterprise, null, ct));
        }
        var recommend = form.Command != RecommendationCommands.Save;
        Recommendation? created = null;
        var (saved, ineligible) = await TrySaveAsync(async () => created = await service.CreateAsync(enterprise, form, recommend, User.GetDisplayName(), ct));
        if (!saved)
        {
            return View(await RefusedAsync(ineligible, form, enterprise, null, ct));
        }
        TempData["Success"] = recommend ? $"已推荐企业：{enterprise.Name}。" : $"已保存推荐草稿：{enterprise.Name}（尚未推荐）。";
        return RedirectToAction(nameof(Details), new { id = created!.Id });
    }

    [ScopedId<Recommendation>(RecordAccess.Edit)]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var recommendation = await service.FindAsync(id, tracked: false, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        if (!recommendation.IsEditable)
        {
            TempData["Error"] = $"推荐记录当前状态为“{recommendation.State.ToChinese()}”，不能再修改。";
            return RedirectToAction(nameof(Details), new { id });
        }
        var enterprise = (await service.EnterpriseAsync(recommendation.EnterpriseId, ct))!;
        return View(await EditModelAsync(RecommendationForm.From(recommendation), enterprise, recommendation, ct));
    }

    [NotAScopedId("form.EnterpriseId", "overwritten with the recommendation's own enterprise")]
    [NotAScopedId("form.BatchId", "a choice among the programme's batches, which every district may use; an unknown one is refused beside the field, a closed one by the deadline rule")]
    [ScopedId<Recommendation>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Edit(Guid id, RecommendationForm form, [FromServices] IValidator<RecommendationForm> validator, CancellationToken ct)
    {
        var recommendation = await service.FindAsync(id, tracked: true, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        var enterprise = (await service.EnterpriseAsync(recommendation.EnterpriseId, ct))!;
        form.EnterpriseId = enterprise.Id;
        if (form.Command == RecommendationCommands.AddRows)
        {
            ModelState.Clear();
            return View(await EditModelAsync(form.Complete(extraRows: 3), enterprise, recommendation, ct));
        }
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(await EditModelAsync(form.Complete(), enterprise, recommendation, ct));
        }
        var recommend = form.Command == RecommendationCommands.Recommend;
        var stateBefore = recommendation.State;
        var (saved, ineligible) = await TrySaveAsync(() => service.UpdateAsync(recommendation, enterprise, form, recommend, User.GetDisplayName(), ct));
        if (!saved)
        {
            return View(await RefusedAsync(ineligible, form, enterprise, recommendation, ct));
        }
        TempData["Success"] = recommendation.State == RecommendationState.Recommended && stateBefore != RecommendationState.Recommended
            ? $"已推荐企业：{enterprise.Name}。"
            : "推荐内容已保存。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<Recommendation>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Withdraw(Guid id, Guid? version, string? reason, bool confirmed, CancellationToken ct)
    {
        if (!confirmed)
        {
            return await WithdrawConfirmationAsync(id, version, reason, ct);
        }
        var recommendation = await service.FindAsync(id, tracked: true, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        if (await TempData.TryAsync("未撤回：", () => service.WithdrawAsync(recommendation, version, reason, User.GetDisplayName(), ct)))
        {
            TempData["Success"] = "已撤回推荐。";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>
    /// The page that asks before withdrawing: the reason typed on the record's page, and what withdrawing does. A blank
    /// reason goes back to the record with the message, as the withdrawal itself would.
    /// </summary>
    private async Task<IActionResult> WithdrawConfirmationAsync(Guid id, Guid? version, string? reason, CancellationToken ct)
    {
        var recommendation = await service.FindForReadAsync(id, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            TempData["Error"] = "未撤回：撤回推荐必须填写原因。";
            return RedirectToAction(nameof(Details), new { id });
        }
        return View("ConfirmStep", new ConfirmStepModel
        {
            Title = "撤回推荐：" + recommendation.Enterprise!.Name,
            Facts =
            [
                ("企业", recommendation.Enterprise.Name),
                ("推荐批次", $"{recommendation.Batch!.ProgrammeYear!.Year} 年度 {recommendation.Batch.Name}"),
                ("撤回原因", reason.Trim()),
            ],
            Consequences =
            [
                "该企业本年度的推荐转为“已撤回”，不再计入本单位的推荐，也不能指派评估服务机构；",
                "撤回人、时间和原因记入推荐记录，不能删除；",
                "撤回不能撤销。之后如需再推荐，须重新填写并推荐（截止日期前）。",
            ],
            PostUrl = Url.Action(nameof(Withdraw), new { id })!,
            CancelUrl = Url.Action(nameof(Details), new { id })!,
            ButtonText = "确认撤回推荐",
            ButtonClass = "btn-danger",
            Hidden = [("version", version?.ToString() ?? string.Empty), ("reason", reason.Trim())],
        });
    }

    [ScopedId<Recommendation>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Delete(Guid id, Guid? version, CancellationToken ct)
    {
        var recommendation = await service.FindAsync(id, tracked: true, ct);
        if (recommendation is null)
        {
            return NotFound();
        }
        if (!await TempData.TryAsync("未删除：", () => service.DeleteDraftAsync(recommendation, version, ct)))
        {
            return RedirectToAction(nameof(Details), new { id });
        }
        TempData["Success"] = "推荐草稿已删除。";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>An enterprise of the district's own unit, or null (→ 404) for any other id.</summary>
    private async Task<Enterprise?> OwnEnterpriseAsync(Guid enterpriseId, CancellationToken ct)
    {
        var enterprise = await service.EnterpriseAsync(enterpriseId, ct);
        return enterprise is not null && await this.MayAsync(enterprise, Operations.Edit) ? enterprise : null;
    }

    /// <summary>
    /// Runs the save through <see cref="DomainRefusals.TryAsync(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary, Func{Task})"/>;
    /// the municipal rules the enterprise fails are listed in the panel beside the form rather than as one message, so a
    /// <see cref="NotEligibleException"/> is returned as its reasons.
    /// </summary>
    private async Task<(bool Saved, IReadOnlyList<string> Ineligible)> TrySaveAsync(Func<Task> save)
    {
        IReadOnlyList<string> ineligible = [];
        var done = await ModelState.TryAsync(async () =>
        {
            try
            {
                await save();
            }
            catch (NotEligibleException e)
            {
                ineligible = e.Reasons;
            }
        });
        return (done && ineligible.Count == 0, ineligible);
    }

    private async Task<RecommendationEditModel> RefusedAsync(IReadOnlyList<string> ineligible, RecommendationForm form, Enterprise enterprise,
        Recommendation? recommendation, CancellationToken ct)
    {
        var model = await EditModelAsync(form.Complete(), enterprise, recommendation, ct);
        model.EligibilityFailures = ineligible;
        return model;
    }

    private async Task<RecommendationEditModel> EditModelAsync(RecommendationForm form, Enterprise enterprise, Recommendation? recommendation, CancellationToken ct)
    {
        var batches = await service.BatchesAsync(ct);
        // New recommendations go to an open batch; an existing one may move within its own programme year only.
        var choices = recommendation is null
            ? batches.Where(b => b.IsOpen).ToList()
            : batches.Where(b => b.ProgrammeYearId == recommendation.ProgrammeYearId && (b.IsOpen || b.Id == recommendation.BatchId)).ToList();
        return new RecommendationEditModel
        {
            Form = form,
            RecommendationId = recommendation?.Id,
            State = recommendation?.State,
            EnterpriseName = enterprise.Name,
            EnterpriseCreditCode = enterprise.CreditCode.Value,
            AnnualOutputWanYuan = enterprise.AnnualOutputWanYuan,
            Industry = enterprise.Industry,
            Batches = choices,
            Existing = (await enterpriseRecommendations.ForEnterpriseAsync(enterprise.Id, includeDrafts: true, ct)).Where(r => r.Id != recommendation?.Id).ToList(),
        };
    }
}
