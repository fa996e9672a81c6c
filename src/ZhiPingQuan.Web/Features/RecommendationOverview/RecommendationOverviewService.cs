using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.RecommendationOverview;

/// <summary>
/// The commission's view of every unit's recommendations (docs/domain.md §4.1): one filtered set feeds the list,
/// the counts and the export. Drafts are left out everywhere (a district's unfinished work), and
/// district-funded-only records (区级叠加支持) are kept apart from the municipal ones at every step.
/// </summary>
public sealed class RecommendationOverviewService(AppDbContext db, IClock clock)
{
    public async Task<OverviewModel> BuildAsync(OverviewFilter filter, CancellationToken ct = default)
    {
        var years = await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year)
            .Select(y => new { y.Id, y.Year }).ToListAsync(ct);
        var (yearId, year) = await ResolveYearAsync(filter, ct);
        // Ids are turned into text here, not in SQL: providers spell a Guid differently (SQLite upper-case).
        var batches = yearId is null
            ? []
            : (await db.Batches.AsNoTracking().Where(b => b.ProgrammeYearId == yearId).OrderBy(b => b.Sequence)
                .Select(b => new { b.Id, b.Name }).ToListAsync(ct)).Select(b => new Choice(b.Id.ToString(), b.Name)).ToList();
        var units = await db.RecommendingUnits.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name }).ToListAsync(ct);

        var filtered = Filtered(filter, yearId);
        // One pass over the filtered set gives the counts per unit, per industry and the list's length (at most
        // 19 units × 6 industries × 2 lines), from the records alone: the industry is the copy kept on each one.
        var counts = await filtered
            .GroupBy(r => new { r.RecommendingUnitId, Industry = r.EnterpriseIndustry, r.DistrictFundedOnly })
            .Select(g => new { g.Key.RecommendingUnitId, g.Key.Industry, g.Key.DistrictFundedOnly, Count = g.Count() })
            .ToListAsync(ct);
        var districtFunded = filter.Scope == OverviewScope.DistrictFunded;
        var total = counts.Where(c => c.DistrictFundedOnly == districtFunded).Sum(c => c.Count);
        // Each unit's two counts, in the units' order: the table by unit shows them, and the default order pages by them.
        var perUnit = units
            .Select(u => (u.Id, Line: new CountLine(u.Name,
                counts.Where(c => c.RecommendingUnitId == u.Id && !c.DistrictFundedOnly).Sum(c => c.Count),
                counts.Where(c => c.RecommendingUnitId == u.Id && c.DistrictFundedOnly).Sum(c => c.Count))))
            .Where(u => u.Line.Municipal + u.Line.DistrictFunded > 0)
            .ToList();
        var scoped = filtered.Where(r => r.DistrictFundedOnly == districtFunded);
        // Ordered also writes the order in force back to the filter (an unknown sort gives the default), read next.
        var ordered = Ordered(scoped, filter);
        var rows = filter is { Sort: UnitOrder, Descending: false }
            ? await PageByUnitAsync(scoped, perUnit.Select(u => (u.Id, districtFunded ? u.Line.DistrictFunded : u.Line.Municipal)).ToList(), total, filter, ct)
            : (await PagedList.CreateAsync(ordered, total, filter.Page, Project, filter.PageSize, ct)).WithSizeChoice();
        filter.Page = rows.Page;

        var byUnit = perUnit.Select(u => u.Line).ToList();
        var byIndustry = KeyIndustries.All
            .Select(i => new CountLine(i.ToChinese(),
                counts.Where(c => c.Industry == i && !c.DistrictFundedOnly).Sum(c => c.Count),
                counts.Where(c => c.Industry == i && c.DistrictFundedOnly).Sum(c => c.Count)))
            .ToList();

        return new OverviewModel
        {
            Filter = filter,
            Year = year,
            Years = years.Select(y => new Choice(y.Id.ToString(), $"{y.Year}年度")).ToList(),
            Batches = batches,
            Units = units.Select(u => new Choice(u.Id.ToString(), u.Name)).ToList(),
            Rows = rows,
            ByUnit = byUnit,
            ByIndustry = byIndustry,
        };
    }

    /// <summary>
    /// The filtered set as a workbook: sheet 市级推荐, sheet 区级叠加支持 (never mixed), and a sheet that
    /// says which filters made it. User text goes in through <see cref="SafeExcel.SetText"/>.
    /// </summary>
    public async Task<(byte[] Content, string FileName, int Municipal, int DistrictFunded)> ExportAsync(OverviewFilter filter, CancellationToken ct = default)
    {
        var (yearId, year) = await ResolveYearAsync(filter, ct);
        var rows = await Project(Ordered(Filtered(filter, yearId), filter)).ToListAsync(ct);
        var municipal = rows.Where(r => !r.DistrictFundedOnly).ToList();
        var districtFunded = rows.Where(r => r.DistrictFundedOnly).ToList();

        using var workbook = new XLWorkbook();
        WriteSheet(workbook.AddWorksheet("市级推荐"), municipal);
        WriteSheet(workbook.AddWorksheet("区级叠加支持"), districtFunded);
        var about = workbook.AddWorksheet("说明");
        about.Column(1).Width = 16;
        about.Column(2).Width = 60;
        var lines = new List<(string, string)>
        {
            ("导出时间", Display.Time(clock.UtcNow)),
            ("项目年度", year is null ? "—" : $"{year}年度"),
            ("筛选条件", await DescribeAsync(filter, ct)),
            ("市级推荐", $"{municipal.Count} 家"),
            ("区级叠加支持", $"{districtFunded.Count} 家（由推荐单位区级资金支持，不计入市级推荐，不进入市级汇总表）"),
        };
        for (var i = 0; i < lines.Count; i++)
        {
            about.Cell(i + 1, 1).SetText(lines[i].Item1);
            about.Cell(i + 1, 1).Style.Font.Bold = true;
            about.Cell(i + 1, 2).SetText(lines[i].Item2);
        }

        var batchName = filter.BatchId is null ? null : await db.Batches.AsNoTracking()
            .Where(b => b.Id == filter.BatchId).Select(b => b.Name).FirstOrDefaultAsync(ct);
        var fileName = $"企业推荐汇总_{(year is null ? "" : $"{year}年度")}{(batchName is null ? "" : "_" + batchName)}_{ShanghaiTime.Today(clock):yyyyMMdd}.xlsx";
        return (workbook.ToBytes(), fileName, municipal.Count, districtFunded.Count);
    }

    /// <summary>The filters in words, for the export and the audit trail.</summary>
    public async Task<string> DescribeAsync(OverviewFilter filter, CancellationToken ct = default)
    {
        var parts = new List<string>();
        if (filter.BatchId is not null)
        {
            parts.Add("批次：" + await db.Batches.AsNoTracking().Where(b => b.Id == filter.BatchId).Select(b => b.Name).FirstOrDefaultAsync(ct));
        }
        if (filter.UnitId is not null)
        {
            parts.Add("推荐单位：" + await db.RecommendingUnits.AsNoTracking().Where(u => u.Id == filter.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct));
        }
        if (filter.Industry is { } industry && Enum.IsDefined(industry))
        {
            parts.Add("所属行业：" + industry.ToChinese());
        }
        parts.Add("状态：" + (OverviewModel.StateChoices.FirstOrDefault(c => c.Value == (filter.State ?? ""))?.Label ?? "有效推荐（不含撤回）"));
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            parts.Add($"搜索：{filter.Q.Trim()}");
        }
        return string.Join("；", parts);
    }

    private static void WriteSheet(IXLWorksheet sheet, IReadOnlyList<OverviewRow> rows)
    {
        sheet.WriteHeader(
        [
            ("序号", 6), ("推荐单位", 14), ("企业名称", 36), ("统一社会信用代码", 22), ("所属行业", 12),
            ("年产值（万元）", 16), ("推荐依据", 40), ("状态", 22), ("推荐时间", 18),
        ]);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var line = i + 2;
            sheet.Cell(line, 1).Value = i + 1;
            sheet.Cell(line, 2).SetText(r.UnitName);
            sheet.Cell(line, 3).SetText(r.EnterpriseName);
            sheet.Cell(line, 4).SetText(r.CreditCode);
            sheet.Cell(line, 5).SetText(r.Industry.ToChinese());
            sheet.Cell(line, 6).Value = r.AnnualOutputWanYuan;
            sheet.Cell(line, 6).Style.NumberFormat.Format = "#,##0.00";
            sheet.Cell(line, 7).SetText(r.BasesText);
            sheet.Cell(line, 8).SetText(r.StateText);
            sheet.Cell(line, 9).SetText(r.RecommendedAtUtc is { } at ? Display.Time(at) : "");
        }
    }

    /// <summary>The asked-for year (or the batch's), else the current calendar year's programme, else the latest.</summary>
    private async Task<(Guid? Id, int? Year)> ResolveYearAsync(OverviewFilter filter, CancellationToken ct)
    {
        if (filter.BatchId is not null)
        {
            var ofBatch = await db.Batches.AsNoTracking().Where(b => b.Id == filter.BatchId)
                .Select(b => new { b.ProgrammeYearId, b.ProgrammeYear!.Year }).FirstOrDefaultAsync(ct);
            if (ofBatch is not null && (filter.YearId is null || filter.YearId == ofBatch.ProgrammeYearId))
            {
                filter.YearId = ofBatch.ProgrammeYearId;
                return (ofBatch.ProgrammeYearId, ofBatch.Year);
            }
            // A batch of another year than the one chosen (the year was changed): drop the batch.
            filter.BatchId = null;
        }
        var years = await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => new { y.Id, y.Year }).ToListAsync(ct);
        var chosen = years.FirstOrDefault(y => y.Id == filter.YearId)
            ?? years.FirstOrDefault(y => y.Year == ShanghaiTime.Today(clock).Year)
            ?? years.FirstOrDefault();
        filter.YearId = chosen?.Id;
        return (chosen?.Id, chosen?.Year);
    }

    private IQueryable<Recommendation> Filtered(OverviewFilter filter, Guid? yearId)
    {
        var query = db.Recommendations.AsNoTracking()
            .Where(r => r.ProgrammeYearId == yearId).Where(RecommendationRules.ActedOn);
        if (filter.BatchId is { } batchId)
        {
            query = query.Where(r => r.BatchId == batchId);
        }
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(r => r.RecommendingUnitId == unitId);
        }
        if (filter.Industry is { } industry)
        {
            query = query.Where(r => r.EnterpriseIndustry == industry);
        }
        query = (filter.State ?? OverviewFilter.ActiveStates) switch
        {
            OverviewFilter.ActiveStates => query.Where(RecommendationRules.CountsAsRecommended),
            OverviewFilter.AllStates => query,
            var s when Enum.TryParse<RecommendationState>(s, out var state) && Enum.IsDefined(state) => query.Where(r => r.State == state),
            _ => query.Where(_ => false),
        };
        return query.WhereEnterpriseCopyMatches(r => r.EnterpriseName, r => r.EnterpriseCreditCode, filter.Q);
    }

    private const string UnitOrder = "unit";

    /// <summary>
    /// A page in the default order (by unit, then as <see cref="ThenInUnitOrder"/>), read unit by unit: the counts per unit
    /// are known already, so the page's rows are found in the one or two units it spans, each read in its index order,
    /// instead of sorting all of the year's records to keep twenty (the commission's most visited list).
    /// </summary>
    private static async Task<PagedList<OverviewRow>> PageByUnitAsync(IQueryable<Recommendation> scoped,
        IReadOnlyList<(Guid Unit, int Count)> perUnit, int total, OverviewFilter filter, CancellationToken ct)
    {
        var (page, size) = PagedList<OverviewRow>.Clamp(total, filter.Page, filter.PageSize);
        var skip = (page - 1) * size;
        var items = new List<OverviewRow>(size);
        foreach (var (unit, count) in perUnit)
        {
            if (items.Count == size)
            {
                break;
            }
            if (skip >= count)
            {
                skip -= count;
                continue;
            }
            var take = Math.Min(count - skip, size - items.Count);
            // Ordering by the unit, which the filter fixes, costs nothing (both databases read the index in order) and
            // lets this page use the same order within a unit as the sort below.
            var inUnit = ThenInUnitOrder(scoped.Where(r => r.RecommendingUnitId == unit).OrderBy(r => r.RecommendingUnitId)).ThenBy(r => r.Id);
            items.AddRange(await Project(inUnit.Skip(skip).Take(take)).ToListAsync(ct));
            skip = 0;
        }
        return new PagedList<OverviewRow> { Items = items, Page = page, PageSize = size, TotalCount = total, SizeChoice = true };
    }

    /// <summary>Within a unit: the time recommended, then the enterprise's name (the copy on the record).</summary>
    private static IOrderedQueryable<Recommendation> ThenInUnitOrder(IOrderedQueryable<Recommendation> byUnit) =>
        byUnit.ThenBy(r => r.RecommendedAtUtc).ThenBy(r => r.EnterpriseName);

    /// <summary>
    /// The list's sortable columns; by default by unit (its place in the units' order, then its name), then the time
    /// recommended, then the enterprise's name (ascending, the default, is read unit by unit: <see cref="PageByUnitAsync"/>). The
    /// name and the code are the copies on the record, so a page of the year is sorted without joining every record
    /// to its enterprise.
    /// </summary>
    private static readonly ListSort<Recommendation> Sorting = new ListSort<Recommendation>(UnitOrder, r => r.Id)
        .AddOrder(UnitOrder, (q, desc) => desc
            ? ThenInUnitOrder(q.OrderByDescending(r => r.RecommendingUnit!.SortOrder).ThenByDescending(r => r.RecommendingUnit!.Name))
            : ThenInUnitOrder(q.OrderBy(r => r.RecommendingUnit!.SortOrder).ThenBy(r => r.RecommendingUnit!.Name)))
        .Add("enterprise", r => r.EnterpriseName)
        .Add("code", r => r.EnterpriseCreditCode)
        .Add("output", r => (double)r.Enterprise!.AnnualOutputWanYuan)
        .Add("batch", r => r.Batch!.Sequence)
        .Add("state", r => r.State)
        .Add("recommended", r => r.RecommendedAtUtc);

    private static IOrderedQueryable<Recommendation> Ordered(IQueryable<Recommendation> query, OverviewFilter filter) =>
        Sorting.Apply(query, filter);

    private static IQueryable<OverviewRow> Project(IQueryable<Recommendation> ordered) =>
        ordered
            .Select(r => new OverviewRow(
                r.Id,
                r.EnterpriseId,
                r.RecommendingUnit!.Name,
                r.EnterpriseName,
                r.EnterpriseCreditCode.Value,
                r.EnterpriseIndustry,
                r.Enterprise!.AnnualOutputWanYuan,
                r.Bases.Select(b => b.Basis).ToList(),
                r.State,
                r.DistrictFundedOnly,
                r.RecommendedAtUtc,
                r.Batch!.Name));
}
