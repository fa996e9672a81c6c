using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Files;

namespace ZhiPingQuan.Web.Features.Assessments;

/// <summary>
/// 评估诊断 once the agency has accepted (docs/domain.md §4.2). The agency keeps its record, marks the process
/// checkpoints and submits the report; the third party tracks every assessment and confirms compliance
/// or returns the report with reasons; the district follows its enterprises' progress and confirms
/// completion; the commission looks on; the enterprise sees its result once confirmed. Every lookup
/// goes through the record's authorisation: another organisation's assessment or report answers 404.
/// </summary>
public sealed class AssessmentsController(
    AssessmentService service) : Controller
{
    // ---------------------------------------------------------------- lists

    /// <summary>评估记录 — the agency's own assessments, overdue first.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Agency)]
    public async Task<IActionResult> Index([FromQuery] AssessmentFilter filter, CancellationToken ct)
    {
        filter.UnitId = null;
        filter.AgencyId = null;
        return View(new AssessmentListModel
        {
            Filter = filter,
            Assessments = await service.PageAsync(service.VisibleTo(User), filter, ct),
            Batches = await service.BatchChoicesAsync(ct),
        });
    }

    /// <summary>合规核查 (third party) / 评估总览 (commission, read-only): every assessment of every unit.</summary>
    [HttpGet]
    [Authorize(Roles = $"{Roles.ThirdParty},{Roles.Commission}")]
    public async Task<IActionResult> Tracking([FromQuery] AssessmentFilter filter, CancellationToken ct)
    {
        return View(new AssessmentListModel
        {
            Filter = filter,
            Assessments = await service.PageAsync(service.VisibleTo(User), filter, ct),
            Batches = await service.BatchChoicesAsync(ct),
            Units = await service.UnitChoicesAsync(ct),
            Agencies = await service.AgencyChoicesAsync(ct),
            ReadOnly = !User.IsInRole(Roles.ThirdParty),
        });
    }

    /// <summary>评估进展 — the district's enterprises' assessments at a glance: counts per state, overdue first.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Progress([FromQuery] AssessmentFilter filter, CancellationToken ct)
    {
        filter.UnitId = null;
        var scoped = service.VisibleTo(User);
        return View(new AssessmentListModel
        {
            Filter = filter,
            Assessments = await service.PageAsync(scoped, filter, ct),
            Batches = await service.BatchChoicesAsync(ct),
            Agencies = await service.AgencyChoicesAsync(ct),
            CountsByState = await service.CountByStateAsync(scoped, ct),
            OverdueCount = await service.CountOverdueAsync(scoped, ct),
            AwaitingDistrictCount = await service.CountAwaitingDistrictAsync(scoped, ct),
        });
    }

    // ---------------------------------------------------------------- one assessment

    [ScopedId<Assessment>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Read))
        {
            return NotFound();
        }
        return View(await DetailsModelAsync(a, ct));
    }

    [ScopedId<Assessment>(RecordAccess.Edit)]
    [HttpGet]
    [Authorize(Roles = Roles.Agency)]
    public async Task<IActionResult> Record(Guid id, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Edit))
        {
            return NotFound();
        }
        return View(await RecordModelAsync(a, AssessmentRecordForm.From(a), ct));
    }

    [NotAScopedId("form.SmartFactoryLevelId", "a choice from the reference list of smart-factory levels, which every agency reads; an unknown one is refused")]
    [ScopedId<Assessment>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Agency)]
    public async Task<IActionResult> Record(Guid id, AssessmentRecordForm form, [FromServices] IValidator<AssessmentRecordForm> validator, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Edit))
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(await RecordModelAsync(a, form, ct));
        }
        if (!await ModelState.TryAsync(() => service.SaveRecordAsync(a, form, ct)))
        {
            return View(await RecordModelAsync(a, form, ct));
        }
        TempData["Success"] = "评估记录已保存。";
        return RedirectToAction(nameof(Record), new { id });
    }

    [ScopedId<Assessment>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Agency)]
    public async Task<IActionResult> Checkpoint(Guid id, AssessmentCheckpoint checkpoint, Guid version, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Edit))
        {
            return NotFound();
        }
        if (await TempData.TryAsync("未记录：", () => service.CompleteCheckpointAsync(a, checkpoint, version, ct)))
        {
            TempData["Success"] = $"已记录“{checkpoint.ToChinese()}”完成。";
        }
        return RedirectToAction(nameof(Record), new { id });
    }

    /// <summary>Submits (or resubmits) the report; the PDF comes with the request, or the current report is kept on a resubmission.</summary>
    [ScopedId<Assessment>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Agency)]
    [RequestSizeLimit(ReportUpload.RequestLimitBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = ReportUpload.RequestLimitBytes)]
    public async Task<IActionResult> Submit(Guid id, Guid version, IFormFile? report, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Edit))
        {
            return NotFound();
        }
        var resubmission = a.State == AssessmentState.Returned;
        var submitted = await ModelState.TryAsync(SubmitErrorKey, async () =>
        {
            if (report is null)
            {
                await service.SubmitAsync(a, version, null, User.GetDisplayName(), ct);
                return;
            }
            await using var content = report.OpenReadStream();
            await service.SubmitAsync(a, version, new IncomingFile(content, report.FileName), User.GetDisplayName(), ct);
        });
        if (!submitted)
        {
            return View(nameof(Record), await RecordModelAsync(a, AssessmentRecordForm.From(a), ct));
        }
        TempData["Success"] = resubmission ? "评估报告已重新提交，等待第三方机构核查。" : "评估报告已提交，等待第三方机构核查。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Asks before the third party confirms compliance: it cannot be taken back, only the report returned.</summary>
    [ScopedId<Assessment>]
    [HttpGet]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> ConfirmCompliance(Guid id, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Read))
        {
            return NotFound();
        }
        if (!AssessmentRules.AwaitingComplianceCheck.IsSatisfiedBy(a))
        {
            TempData["Error"] = "该评估目前没有待核查的报告。";
            return RedirectToAction(nameof(Details), new { id });
        }
        var (enterprise, agency) = await service.NamesAsync(a, ct);
        return View("ConfirmStep", new ConfirmStepModel
        {
            Title = "确认评估合规：" + enterprise,
            Facts = [("企业", enterprise), ("服务机构", agency), ("评估报告", $"第{a.ReportVersion}次提交")],
            Consequences =
            [
                "记录本机构已核查：评估过程节点全部完成、评估报告完整、分数与等级一致；",
                "推荐单位将收到通知，可以确认评估完成；",
                "确认合规不能撤销。如之后发现问题，只能在推荐单位确认完成前退回服务机构。",
            ],
            PostUrl = Url.Action(nameof(ConfirmCompliance), new { id })!,
            CancelUrl = Url.Action(nameof(Details), new { id })!,
            ButtonText = "确认合规",
            ButtonClass = "btn-success",
            Hidden = [("version", a.Version.ToString())],
        });
    }

    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> ConfirmCompliance(Guid id, Guid version, bool confirmed, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Read))
        {
            return NotFound();
        }
        if (!confirmed)
        {
            return RedirectToAction(nameof(ConfirmCompliance), new { id });
        }
        await service.ConfirmComplianceAsync(a, version, User.GetDisplayName(), ct);
        TempData["Success"] = "已确认该评估合规，等待推荐单位确认完成。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> Return(Guid id, Guid version, string? reasons, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Read))
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(ReturnErrorKey, () => service.ReturnAsync(a, version, reasons, User.GetDisplayName(), ct)))
        {
            return View(nameof(Details), await DetailsModelAsync(a, ct, postedReasons: reasons));
        }
        TempData["Success"] = "已退回服务机构，退回原因已告知该机构。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Asks before the district confirms completion: the result becomes final and visible to the enterprise.</summary>
    [ScopedId<Assessment>]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> ConfirmCompletion(Guid id, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Read))
        {
            return NotFound();
        }
        if (!AssessmentRules.AwaitingDistrictConfirmation.IsSatisfiedBy(a))
        {
            TempData["Error"] = "该评估目前不能确认完成：须报告已提交且第三方机构已确认合规。";
            return RedirectToAction(nameof(Details), new { id });
        }
        var (enterprise, agency) = await service.NamesAsync(a, ct);
        return View("ConfirmStep", new ConfirmStepModel
        {
            Title = "确认评估完成：" + enterprise,
            Facts = [("企业", enterprise), ("服务机构", agency), ("评估报告", $"第{a.ReportVersion}次提交，第三方机构已确认合规")],
            Consequences =
            [
                "评估结果成为最终结果，企业可以看到成熟度分数、等级和评估报告；",
                "该企业的推荐记录转为“已评估”，可列入本单位的汇总表；",
                "企业和服务机构将收到通知；",
                "确认完成后不能撤销，也不能再退回或改派。",
            ],
            PostUrl = Url.Action(nameof(ConfirmCompletion), new { id })!,
            CancelUrl = Url.Action(nameof(Details), new { id })!,
            ButtonText = "确认评估完成",
            ButtonClass = "btn-success",
            Hidden = [("version", a.Version.ToString())],
        });
    }

    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> ConfirmCompletion(Guid id, Guid version, bool confirmed, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Read))
        {
            return NotFound();
        }
        if (!confirmed)
        {
            return RedirectToAction(nameof(ConfirmCompletion), new { id });
        }
        await service.ConfirmCompletionAsync(a, version, User.GetDisplayName(), ct);
        TempData["Success"] = "已确认评估完成，推荐记录已转为“已评估”。";
        return RedirectToAction(nameof(Details), new { id });
    }

    // ---------------------------------------------------------------- files

    /// <summary>The current report. An enterprise may download it once the assessment is confirmed.</summary>
    [ScopedId<Assessment>]
    [HttpGet]
    public async Task<IActionResult> Report(Guid id, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        if (a?.ReportFileId is not { } fileId || !await this.MayAsync(a, Operations.Read) || !SeesReport(a))
        {
            return NotFound();
        }
        return await DownloadAsync(a, fileId, ct);
    }

    /// <summary>An earlier version of the report (agency, third party, district, commission).</summary>
    [ScopedId<Assessment>]
    [NotAScopedId("fileId", "一份评估报告文件：只在该评估记录的报告版本链中查找")]
    [HttpGet]
    public async Task<IActionResult> ReportVersion(Guid id, Guid fileId, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        if (a is null || !await this.MayAsync(a, Operations.Read) || User.IsInRole(Roles.Enterprise))
        {
            return NotFound();
        }
        return await DownloadAsync(a, fileId, ct);
    }

    private async Task<IActionResult> DownloadAsync(Assessment a, Guid fileId, CancellationToken ct)
    {
        var file = await service.ReportFileAsync(a, fileId, ct);
        if (file is null)
        {
            return NotFound();
        }
        if (service.TryOpenRead(file) is not { } content)
        {
            return NotFound();
        }
        await service.RecordDownloadAsync(a, file, ct);
        return File(content, file.ContentType, file.OriginalFileName);
    }

    // ---------------------------------------------------------------- helpers

    public const string SubmitErrorKey = "Submit";
    public const string ReturnErrorKey = "Return";

    private bool SeesReport(Assessment a) => !User.IsInRole(Roles.Enterprise) || AssessmentRules.Confirmed.IsSatisfiedBy(a);

    private async Task<AssessmentRecordModel> RecordModelAsync(Assessment a, AssessmentRecordForm form, CancellationToken ct) => new()
    {
        View = await service.ViewAsync(a, User.AsHistoryReader(), ct),
        Form = form,
        SmartFactoryLevels = await service.ActiveSmartFactoryLevelsAsync(a.SmartFactoryLevelId, ct),
    };

    private async Task<AssessmentDetailsModel> DetailsModelAsync(Assessment a, CancellationToken ct, string? postedReasons = null)
    {
        var enterprise = User.IsInRole(Roles.Enterprise);
        return new AssessmentDetailsModel
        {
            View = await service.ViewAsync(a, User.AsHistoryReader(), ct),
            CanEditRecord = await this.MayAsync(a, Operations.Edit),
            CanReview = User.IsInRole(Roles.ThirdParty) && a.State == AssessmentState.ReportSubmitted,
            CanConfirmCompletion = User.IsInRole(Roles.District) && AssessmentRules.AwaitingDistrictConfirmation.IsSatisfiedBy(a),
            ShowsResult = SeesReport(a),
            ShowsEarlierVersions = !enterprise,
            PostedReasons = postedReasons,
        };
    }
}
