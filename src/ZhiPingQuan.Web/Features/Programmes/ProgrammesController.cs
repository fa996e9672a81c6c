using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Programmes;

/// <summary>
/// 项目设置 (DESIGN §3): the commission's programme years, standard amounts, batches and deadlines.
/// Other roles see the deadlines on their home page; nobody else changes them. A deadline moves only
/// later and only with a reason on record (see <see cref="Batch.ExtendDeadline"/>).
/// Posted actions take the record id [FromRoute]: MVC reads form fields before route values, so a
/// field named "Id" added to a form would otherwise choose the record being changed.
/// </summary>
[Authorize(Roles = Roles.Commission)]
public sealed class ProgrammesController(
    AppDbContext db,
    IClock clock,
    IAuditTrail audit,
    IValidator<ProgrammeYearForm> yearValidator,
    IValidator<BatchForm> batchValidator,
    IValidator<ExtendDeadlineForm> extendValidator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index()
    {
        var years = await db.ProgrammeYears.AsNoTracking().Include(y => y.Batches)
            .OrderByDescending(y => y.Year).ToListAsync();
        return View(years.Select(y => BatchRows.From(y, clock)).ToList());
    }

    [ScopedId<ProgrammeYear>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id)
    {
        var year = await db.ProgrammeYears.AsNoTracking().Include(y => y.Batches).FirstOrDefaultAsync(y => y.Id == id);
        if (year is null)
        {
            return NotFound();
        }
        var batchIds = year.Batches.Select(b => b.Id).ToList();
        // Municipal recommendations only: district-funded ones never count toward the programme.
        var counts = await db.Recommendations.AsNoTracking()
            .Where(r => batchIds.Contains(r.BatchId) && !r.DistrictFundedOnly
                && r.State != RecommendationState.Draft && r.State != RecommendationState.Withdrawn)
            .GroupBy(r => r.BatchId)
            .Select(g => new { BatchId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.BatchId, g => g.Count);
        var batches = year.Batches.OrderBy(b => b.Sequence).Select(b => new BatchDetails(
            BatchRows.From(b, clock),
            b.DeadlineExtensions.OrderBy(e => e.AtUtc).Select(e => new ExtensionRow(e.OldDeadline, e.NewDeadline, e.Reason, e.ByUserName, e.AtUtc)).ToList(),
            counts.GetValueOrDefault(b.Id),
            b.Version)).ToList();
        return View(new ProgrammeDetailsModel { Year = BatchRows.From(year, clock), Batches = batches });
    }

    [HttpGet]
    public IActionResult Create() => View(new ProgrammeYearForm { Year = ShanghaiTime.Today(clock).Year });

    [HttpPost]
    public async Task<IActionResult> Create(ProgrammeYearForm form)
    {
        form.Id = null;
        if (!await yearValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var year = new ProgrammeYear(form.Year!.Value, new Money(form.StandardAmount!.Value), Cap(form));
        db.ProgrammeYears.Add(year);
        audit.Record(AuditAction.ProgrammeYearCreated, nameof(ProgrammeYear), year.Id, null, Describe(year));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone created the same year between the check and the save: the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await YearExistsAsync(year.Year))
            {
                throw;
            }
            ModelState.AddModelError(nameof(form.Year), $"{year.Year}年度已存在，不能重复创建。如需调整，请修改该年度的设置。");
            return View(form);
        }
        TempData["Success"] = $"已创建{year.Year}年度，请添加批次及截止日期。";
        return RedirectToAction(nameof(Details), new { id = year.Id });
    }

    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> Edit(Guid id)
    {
        var year = await db.ProgrammeYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == id);
        if (year is null)
        {
            return NotFound();
        }
        return View(new ProgrammeYearForm
        {
            Id = year.Id, Version = year.Version, Year = year.Year,
            StandardAmount = year.StandardAmount.Yuan, BudgetCap = year.BudgetCap?.Yuan,
        });
    }

    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Edit([FromRoute] Guid id, ProgrammeYearForm form)
    {
        var year = await db.ProgrammeYears.FirstOrDefaultAsync(y => y.Id == id);
        if (year is null)
        {
            return NotFound();
        }
        form.Id = id;
        form.Year = year.Year;
        if (!await yearValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        ExpectVersion(year, form.Version);
        var before = Describe(year);
        year.SetAmounts(new Money(form.StandardAmount!.Value), Cap(form));
        var after = Describe(year);
        if (after != before)
        {
            audit.Record(AuditAction.ProgrammeYearAmountsChanged, nameof(ProgrammeYear), year.Id, before, after);
            await db.SaveChangesAsync();
        }
        TempData["Success"] = after != before ? $"{year.Year}年度的金额设置已保存。" : "没有改动。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> AddBatch(Guid id)
    {
        var year = await db.ProgrammeYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == id);
        return year is null ? NotFound() : View(new BatchForm { ProgrammeYearId = id, Year = year.Year });
    }

    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> AddBatch([FromRoute] Guid id, BatchForm form)
    {
        var year = await db.ProgrammeYears.Include(y => y.Batches).FirstOrDefaultAsync(y => y.Id == id);
        if (year is null)
        {
            return NotFound();
        }
        (form.ProgrammeYearId, form.Year, form.Id) = (id, year.Year, null);
        if (!await batchValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        Batch batch;
        try
        {
            batch = year.AddBatch(form.Name!, form.Deadline!.Value);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(form.Name), e.Message);
            return View(form);
        }
        audit.Record(AuditAction.BatchAdded, nameof(Batch), batch.Id, null, $"{batch.Name}，{DeadlineText.For(batch.Deadline)}", $"{year.Year}年度");
        await db.SaveChangesAsync();
        TempData["Success"] = $"已新增{year.Year}年度{batch.Name}，{DeadlineText.For(batch.Deadline)}。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> RenameBatch(Guid id)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null)
        {
            return NotFound();
        }
        return View(new BatchForm
        {
            Id = batch.Id, Version = batch.Version, ProgrammeYearId = batch.ProgrammeYearId,
            Year = batch.ProgrammeYear!.Year, Name = batch.Name, Deadline = batch.Deadline,
        });
    }

    /// <summary>Renames a batch. Its deadline is deliberately not part of this form: see <see cref="ExtendDeadline(Guid, ExtendDeadlineForm)"/>.</summary>
    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> RenameBatch([FromRoute] Guid id, BatchForm form)
    {
        var year = await db.ProgrammeYears.Include(y => y.Batches).FirstOrDefaultAsync(y => y.Batches.Any(b => b.Id == id));
        if (year is null)
        {
            return NotFound();
        }
        var batch = year.Batches.Single(b => b.Id == id);
        // Whatever deadline a forged form carries, a rename never touches it.
        (form.Id, form.ProgrammeYearId, form.Year, form.Deadline) = (id, year.Id, year.Year, batch.Deadline);
        if (!await batchValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        ExpectVersion(batch, form.Version);
        var before = batch.Name;
        try
        {
            year.RenameBatch(id, form.Name!);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(form.Name), e.Message);
            return View(form);
        }
        if (batch.Name != before)
        {
            audit.Record(AuditAction.BatchRenamed, nameof(Batch), batch.Id, before, batch.Name, $"{year.Year}年度");
            await db.SaveChangesAsync();
        }
        TempData["Success"] = batch.Name != before ? $"批次已改名为“{batch.Name}”。" : "没有改动。";
        return RedirectToAction(nameof(Details), new { id = year.Id });
    }

    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> ExtendDeadline(Guid id)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null)
        {
            return NotFound();
        }
        var form = new ExtendDeadlineForm { BatchId = id, Version = batch.Version };
        Describe(form, batch);
        return View(form);
    }

    /// <summary>
    /// The only way to change a deadline once a batch exists: later than the current one, with a reason,
    /// recorded on the batch (old, new, reason, who, when) and in the audit trail. An earlier date is
    /// refused by the domain and the form shows why; nothing is written.
    /// </summary>
    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> ExtendDeadline([FromRoute] Guid id, ExtendDeadlineForm form)
    {
        form.BatchId = id;
        var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null)
        {
            return NotFound();
        }
        Describe(form, batch);
        if (!await extendValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        ExpectVersion(batch, form.Version);
        var old = batch.Deadline;
        try
        {
            batch.ExtendDeadline(form.NewDeadline!.Value, form.Reason!, User.GetDisplayName(), clock.UtcNow);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(form.NewDeadline), e.Message);
            return View(form);
        }
        audit.Record(AuditAction.DeadlineExtended, nameof(Batch), batch.Id, DeadlineText.For(old), DeadlineText.For(batch.Deadline),
            $"{batch.ProgrammeYear!.Year}年度{batch.Name}；原因：{form.Reason!.Trim()}");
        await db.SaveChangesAsync();
        TempData["Success"] = $"{batch.Name}的截止日期已由{ShanghaiTime.FormatDate(old)}延长至{ShanghaiTime.FormatDate(batch.Deadline)}。";
        return RedirectToAction(nameof(Details), new { id = batch.ProgrammeYearId });
    }

    private static void Describe(ExtendDeadlineForm form, Batch batch)
    {
        form.Year = $"{batch.ProgrammeYear!.Year}年度";
        form.BatchName = batch.Name;
        form.CurrentDeadline = batch.Deadline;
        form.Extensions = batch.DeadlineExtensions.OrderBy(e => e.AtUtc)
            .Select(e => new ExtensionRow(e.OldDeadline, e.NewDeadline, e.Reason, e.ByUserName, e.AtUtc)).ToList();
    }

    /// <summary>Compares the version the form was opened with, so a change made meanwhile by someone else is not overwritten (409).</summary>
    private void ExpectVersion(Entity record, Guid? version)
    {
        if (version is { } v)
        {
            db.Entry(record).Property(nameof(Entity.Version)).OriginalValue = v;
        }
    }

    private Task<bool> YearExistsAsync(int year) => db.ProgrammeYears.AsNoTracking().AnyAsync(y => y.Year == year);

    private static Money? Cap(ProgrammeYearForm form) => form.BudgetCap is { } cap ? new Money(cap) : null;

    private static string Describe(ProgrammeYear year) =>
        $"{year.Year}年度，额定标准{Display.Yuan(year.StandardAmount.Yuan)}，预算上限{(year.BudgetCap is { } cap ? Display.Yuan(cap.Yuan) : "不设")}";
}
