using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.Evaluations;

/// <summary>
/// 绩效评价 (docs/domain.md §4.7). The commission lists every unit of a year with its indicators (the evaluation's snapshot,
/// or computed now when none is made yet), makes drafts, recomputes a draft, scores it and publishes it after a confirmation,
/// and exports the year (.xlsx, PDF report with charts) or one unit (PDF). A district reads its own published evaluations;
/// a draft, or another unit's, answers 404.
/// </summary>
[Authorize(Roles = $"{Roles.Commission},{Roles.District}")]
public sealed class EvaluationsController(EvaluationService service, EvaluationExports exports, IClock clock) : Controller
{
    private const string YearReason = "项目年度：市经信委评价每个年度";

    [HttpGet]
    [NotAScopedId("yearId", YearReason)]
    public async Task<IActionResult> Index(Guid? yearId, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Commission))
        {
            return View(new EvaluationIndexModel { IsCommission = false, Years = [], Rows = await service.VisibleAsync(User, ct) });
        }
        var years = await service.YearChoicesAsync(ct);
        var year = years.FirstOrDefault(y => y.Id == yearId) ?? years.FirstOrDefault();
        return View(new EvaluationIndexModel
        {
            IsCommission = true, Years = years, YearId = year?.Id, Year = year?.Year,
            Rows = year is null ? [] : await service.YearAsync(year.Id, ct),
        });
    }

    [ScopedId<DistrictEvaluation>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) => await DetailsPageAsync(id, null, null, ct);

    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    [NotAScopedId("yearId", YearReason)]
    [NotAScopedId("unitId", "推荐单位：市经信委评价所有推荐单位")]
    public async Task<IActionResult> Create(Guid yearId, Guid unitId, CancellationToken ct)
    {
        var id = await service.CreateAsync(yearId, unitId, ct);
        TempData["Success"] = "已按记录计算指标并生成评价草稿，可以评分。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    [NotAScopedId("yearId", YearReason)]
    public async Task<IActionResult> CreateMissing(Guid yearId, CancellationToken ct)
    {
        var count = await service.CreateMissingAsync(yearId, ct);
        TempData["Success"] = $"已为{count}个推荐单位按记录计算指标并生成评价草稿。";
        return RedirectToAction(nameof(Index), new { yearId });
    }

    [ScopedId<DistrictEvaluation>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Refresh(Guid id, Guid? version, CancellationToken ct)
    {
        var e = await service.FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        await service.RefreshAsync(e, version, ct);
        TempData["Success"] = "已按最新记录重新计算指标。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<DistrictEvaluation>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Score(Guid id, Guid? version, string? score, string? remarks, CancellationToken ct)
    {
        var e = await service.FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        // The service names the field of a bad score or remarks; a step the state refuses goes above the form.
        if (!await ModelState.TryAsync(() => service.ScoreAsync(e, version, score, remarks, ct)))
        {
            return await DetailsPageAsync(id, score, remarks, ct);
        }
        TempData["Success"] = "已保存评分和评价意见。发布后推荐单位才能看到。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Asks before publishing: the unit sees it from then on, and it no longer changes.</summary>
    [ScopedId<DistrictEvaluation>(RecordAccess.Edit)]
    [HttpGet]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Publish(Guid id, CancellationToken ct)
    {
        var row = await service.RowAsync(id, ct);
        if (row?.State is not { } state)
        {
            return NotFound();
        }
        if (DistrictEvaluation.PublishRefusal(state, row.Score) is { } refusal)
        {
            TempData["Error"] = refusal;
            return RedirectToAction(nameof(Details), new { id });
        }
        return View("ConfirmStep", new ConfirmStepModel
        {
            Title = $"发布绩效评价：{row.Year}年度{row.UnitName}",
            Facts =
            [
                ("推荐单位", row.UnitName), ("年度", $"{row.Year}年度"), ("市经信委评分", EvaluationExports.ScoreText(row.Score)),
                ("指标计算时间", Display.Time(row.ComputedAtUtc)),
            ],
            Consequences =
            [
                $"{row.UnitName}可以查看和下载本单位的评价（指标、评分和评价意见）；",
                "指标按生成（或最近一次重新计算）时的数值固定，之后记录变化不再影响本评价；",
                "发布后不能撤销，也不能再修改评分和评价意见。",
            ],
            PostUrl = Url.Action(nameof(Publish), new { id })!,
            CancelUrl = Url.Action(nameof(Details), new { id })!,
            ButtonText = "确认发布",
            ButtonClass = "btn-success",
            Hidden = [("version", row.Version.ToString()!)],
        });
    }

    [ScopedId<DistrictEvaluation>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Publish(Guid id, Guid? version, bool confirmed, CancellationToken ct)
    {
        var e = await service.FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        if (!confirmed)
        {
            return RedirectToAction(nameof(Publish), new { id });
        }
        await service.PublishAsync(e, version, User.GetDisplayName(), ct);
        TempData["Success"] = "绩效评价已发布，推荐单位可以查看。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The year's evaluation of every unit (.xlsx).</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Commission)]
    [NotAScopedId("yearId", YearReason)]
    public async Task<IActionResult> Export(Guid yearId, CancellationToken ct)
    {
        var rows = await service.YearAsync(yearId, ct);
        var year = rows.FirstOrDefault()?.Year ?? 0;
        await service.RecordExportAsync(null, $"{year}年度绩效评价（.xlsx），{rows.Count}个推荐单位", ct);
        return File(exports.Xlsx(year, rows), SafeExcel.ContentType, EvaluationExports.XlsxFileName(year));
    }

    /// <summary>The year's report (PDF with charts).</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Commission)]
    [NotAScopedId("yearId", YearReason)]
    public async Task<IActionResult> Report(Guid yearId, CancellationToken ct)
    {
        var rows = await service.YearAsync(yearId, ct);
        var year = rows.FirstOrDefault()?.Year ?? 0;
        var pdf = exports.YearPdf(year, rows, await service.CommissionNameAsync(ct), ShanghaiTime.Today(clock));
        await service.RecordExportAsync(null, $"{year}年度绩效评价报告（PDF），{rows.Count}个推荐单位", ct);
        return File(pdf.Bytes, "application/pdf", EvaluationExports.YearPdfFileName(year));
    }

    /// <summary>One unit's evaluation (PDF with charts): the commission any, the district its own once published.</summary>
    [ScopedId<DistrictEvaluation>]
    [HttpGet]
    public async Task<IActionResult> Pdf(Guid id, CancellationToken ct)
    {
        var row = await service.RowAsync(id, ct);
        if (row is null)
        {
            return NotFound();
        }
        var pdf = exports.UnitPdf(row, await service.CommissionNameAsync(ct));
        await service.RecordExportAsync(id, $"{row.Year}年度{row.UnitName}绩效评价（PDF）", ct);
        return File(pdf.Bytes, "application/pdf", EvaluationExports.UnitPdfFileName(row));
    }

    private async Task<IActionResult> DetailsPageAsync(Guid id, string? score, string? remarks, CancellationToken ct)
    {
        var row = await service.RowAsync(id, ct);
        if (row is null)
        {
            return NotFound();
        }
        var commission = User.IsInRole(Roles.Commission);
        return View(nameof(Details), new EvaluationDetailsModel
        {
            Row = row, IsCommission = commission,
            Current = commission && row.State == DistrictEvaluationState.Draft ? await service.CurrentAsync(row, ct) : null,
            PostedScore = score, PostedRemarks = remarks,
        });
    }
}
