using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Files;

namespace ZhiPingQuan.Web.Features.Applications;

/// <summary>
/// 额度申请 (docs/domain.md §4.4), the enterprise's pages: its applications, the pre-filled start from the records, the one page
/// where it keeps contact, stated values and evidence, submits, answers a return and withdraws. The application's files (its
/// report and evidence) are read here by everyone the application's scope lets in; another organisation's application or
/// file answers 404.
/// </summary>
public sealed class ApplicationsController(ApplicationService service, IValidator<ApplicationDetailsForm> validator) : Controller
{
    public const string DetailsErrorKey = "Details";
    public const string SubmitErrorKey = "Submit";
    public const string WithdrawErrorKey = "Withdraw";

    public static string EvidenceErrorKey(EvidenceKind kind) => $"Evidence:{kind}";

    public static string ItemErrorKey(Guid itemId) => $"Item:{itemId}";

    // ---------------------------------------------------------------- lists and start

    /// <summary>额度申请: where the enterprise may apply (batch, deadline, days left) and its applications.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Index([FromQuery] ApplicationListFilter filter, CancellationToken ct) =>
        View(new ApplicationIndexModel
        {
            Filter = filter,
            Applications = await service.ListAsync(User, filter, ct),
            Opportunities = await service.OpportunitiesAsync(User.RequireOrganisationId(), ct),
        });

    /// <summary>The application form, pre-filled from the records; 404 when the enterprise is not listed for the batch.</summary>
    [ScopedId<Batch>(parameter: "batchId")]
    [HttpGet]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> New(Guid batchId, CancellationToken ct)
    {
        var model = await service.NewAsync(User.RequireOrganisationId(), batchId, ct);
        if (model is null)
        {
            return NotFound();
        }
        if (model.Opportunity.ApplicationId is { } existing)
        {
            return RedirectToAction(nameof(Details), new { id = existing });
        }
        return View(model);
    }

    [ScopedId<Batch>(parameter: "batchId")]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Create(Guid batchId, ApplicationDetailsForm form, CancellationToken ct)
    {
        var enterprise = User.RequireOrganisationId();
        var model = await service.NewAsync(enterprise, batchId, ct);
        if (model is null)
        {
            return NotFound();
        }
        QuotaApplication? created = null;
        if (await validator.ValidateIntoAsync(form, ModelState))
        {
            created = await ModelState.TryAsync(() => service.CreateAsync(enterprise, batchId, form, ct));
        }
        if (created is null)
        {
            return View(nameof(New), new NewApplicationModel
            {
                Opportunity = model.Opportunity, UnitName = model.UnitName, AgencyName = model.AgencyName, Bases = model.Bases,
                Form = form, SmartFactoryLevels = model.SmartFactoryLevels,
            });
        }
        TempData["Success"] = "已保存申请草稿。请按材料清单上传证明材料，齐全后提交。";
        return RedirectToAction(nameof(Details), new { id = created.Id });
    }

    // ---------------------------------------------------------------- one application

    [ScopedId<QuotaApplication>]
    [HttpGet]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        return a is null ? NotFound() : View(await PageAsync(a, null, null, ct));
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> SaveDetails(Guid id, ApplicationDetailsForm form, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(form, ModelState) || !await ModelState.TryAsync(DetailsErrorKey, () => service.SaveDetailsAsync(a, form, ct)))
        {
            return await ReshowAsync(id, form, null, ct);
        }
        TempData["Success"] = "申请信息已保存。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    [RequestSizeLimit(EvidenceUpload.RequestLimitBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = EvidenceUpload.RequestLimitBytes)]
    public async Task<IActionResult> AddEvidence(Guid id, EvidenceForm form, IFormFile? file, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        var key = form.Kind is { } kind ? EvidenceErrorKey(kind) : DetailsErrorKey;
        ModelState.Clear();
        var saved = await ModelState.TryAsync(key, async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new DomainException("请选择要上传的文件。");
            }
            await using var content = file.OpenReadStream();
            await service.AddEvidenceAsync(a, form, new IncomingFile(content, file.FileName), User.GetDisplayName(), ct);
        });
        if (!saved)
        {
            return await ReshowAsync(id, null, form, ct);
        }
        TempData["Success"] = $"已上传“{file!.FileName}”。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [NotAScopedId("evidenceItemId", "一项申请材料：只在该申请自己的材料中查找")]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    [RequestSizeLimit(EvidenceUpload.RequestLimitBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = EvidenceUpload.RequestLimitBytes)]
    public async Task<IActionResult> ReplaceEvidence(Guid id, Guid evidenceItemId, Guid? version, IFormFile? file, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        var saved = await ModelState.TryAsync(ItemErrorKey(evidenceItemId), async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new DomainException("请选择用于替换的文件。");
            }
            await using var content = file.OpenReadStream();
            await service.ReplaceEvidenceAsync(a, version, evidenceItemId, new IncomingFile(content, file.FileName), User.GetDisplayName(), ct);
        });
        if (!saved)
        {
            return await ReshowAsync(id, null, null, ct);
        }
        TempData["Success"] = $"已用“{file!.FileName}”替换原文件，原文件作为历史版本保留。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [NotAScopedId("evidenceItemId", "一项申请材料：只在该申请自己的材料中查找")]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> UpdateEvidence(Guid id, Guid evidenceItemId, EvidenceForm form, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!await ModelState.TryAsync(ItemErrorKey(evidenceItemId), () => service.UpdateEvidenceAsync(a, evidenceItemId, form, ct)))
        {
            return await ReshowAsync(id, null, null, ct);
        }
        TempData["Success"] = "材料信息已保存。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [NotAScopedId("evidenceItemId", "一项申请材料：只在该申请自己的材料中查找")]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> RemoveEvidence(Guid id, Guid evidenceItemId, Guid? version, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(ItemErrorKey(evidenceItemId), () => service.RemoveEvidenceAsync(a, version, evidenceItemId, ct)))
        {
            return await ReshowAsync(id, null, null, ct);
        }
        TempData["Success"] = "已删除该材料（文件作为历史记录保留）。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Submit(Guid id, Guid? version, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(SubmitErrorKey, () => service.SubmitAsync(a, version, ct)))
        {
            return await ReshowAsync(id, null, null, ct);
        }
        TempData["Success"] = "额度申请已提交，等待第三方机构审核。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Resubmit(Guid id, Guid? version, string? note, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(SubmitErrorKey, () => service.ResubmitAsync(a, version, note, ct)))
        {
            return await ReshowAsync(id, null, null, ct, note);
        }
        TempData["Success"] = "已按补正要求重新提交，等待第三方机构审核。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<QuotaApplication>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Enterprise)]
    public async Task<IActionResult> Withdraw(Guid id, Guid? version, string? reason, CancellationToken ct)
    {
        var a = await service.FindAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(WithdrawErrorKey, () => service.WithdrawAsync(a, version, reason, ct)))
        {
            return await ReshowAsync(id, null, null, ct);
        }
        TempData["Success"] = "额度申请已撤回。本年度可重新申请。";
        return RedirectToAction(nameof(Index));
    }

    // ---------------------------------------------------------------- files

    /// <summary>
    /// A file of the application (its report or an evidence file, current or earlier version). PDF and images open in the
    /// browser; every other type downloads. Each read is audited.
    /// </summary>
    [ScopedId<QuotaApplication>]
    [NotAScopedId("fileId", "一个文件：只在该申请引用的文件（评估报告、申请材料及其历史版本）中查找")]
    [HttpGet]
    public async Task<IActionResult> File(Guid id, Guid fileId, CancellationToken ct)
    {
        var a = await service.FindForReadAsync(id, ct);
        if (a is null)
        {
            return NotFound();
        }
        var file = await service.FileAsync(a, fileId, ct);
        if (file is null)
        {
            return NotFound();
        }
        if (service.TryOpenRead(file) is not { } content)
        {
            return NotFound();
        }
        var inline = FileTypes.IsViewableInBrowser(file.ContentType);
        await service.RecordDownloadAsync(a, file, inline, ct);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.OriginalFileName);
        Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return base.File(content, file.ContentType);
    }

    // ---------------------------------------------------------------- helpers

    private async Task<IActionResult> ReshowAsync(Guid id, ApplicationDetailsForm? details, EvidenceForm? evidence, CancellationToken ct,
        string? note = null)
    {
        var fresh = await service.FindForReadAsync(id, ct);
        return fresh is null ? NotFound() : View(nameof(Details), await PageAsync(fresh, details, evidence, ct, note));
    }

    private async Task<ApplicationPageModel> PageAsync(QuotaApplication a, ApplicationDetailsForm? details, EvidenceForm? evidence, CancellationToken ct,
        string? note = null) => new()
    {
        PostedNote = note,
        View = await service.ViewAsync(a, ct),
        Details = details is null ? ApplicationDetailsForm.From(a) : WithVersion(details, a.Version),
        SmartFactoryLevels = await service.SmartFactoryLevelNamesAsync(ct),
        PostedEvidence = evidence,
    };

    /// <summary>A re-shown form keeps what was typed but carries the record's current version.</summary>
    private static ApplicationDetailsForm WithVersion(ApplicationDetailsForm form, Guid version)
    {
        form.Version = version;
        return form;
    }
}
