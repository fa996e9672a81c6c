using ClosedXML.Excel;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>The workbooks the district downloads: the empty template and the invalid rows with their reasons.</summary>
public static class BatchListWorkbooks
{
    public const string ErrorColumnHeader = "错误原因";
    public const string DataSheetName = "推荐名单";
    public const string NotesSheetName = "填写说明";
    private const int TemplateHeaderRow = 3;
    private const int TemplateDataRows = 2000;

    public static string TemplateFileName(string unitName) => $"重点企业推荐名单模板（{unitName}）.xlsx";

    public static string ErrorFileName(string originalFileName) =>
        $"{Path.GetFileNameWithoutExtension(originalFileName)}-错误行.xlsx";

    /// <summary>
    /// The template: a title row, the header in row 3 (what most districts' own lists look like), the
    /// code and phone columns formatted as text so Excel cannot turn an 18-digit code into 9.13101E+17,
    /// an in-cell list of the six industries, and a notes sheet explaining every column.
    /// </summary>
    public static byte[] Template(string unitName)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(DataSheetName);
        var columns = BatchListColumns.All;

        var title = sheet.WriteTitle($"上海市“智评券”试点重点企业推荐名单（推荐单位：{unitName}）", columns.Count);
        title.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        sheet.Row(1).Height = 26;

        var hint = sheet.Cell(2, 1);
        hint.SetText("请从第4行起每行填写一家企业；红色表头为必填列；推荐依据填1–4的数字或简称，可填多项，用逗号或顿号分隔。详见“填写说明”工作表。");
        hint.Style.Font.FontColor = XLColor.FromHtml("#6B7280");
        sheet.Range(2, 1, 2, columns.Count).Merge();

        sheet.WriteHeader(columns.Select(c => (c.Header, c.Width)).ToArray(), TemplateHeaderRow);
        foreach (var required in columns.Where(c => c.Required))
        {
            sheet.Cell(TemplateHeaderRow, (int)required.Column + 1).Style.Font.FontColor = XLColor.FromHtml("#B91C1C");
        }

        var firstData = TemplateHeaderRow + 1;
        var lastData = TemplateHeaderRow + TemplateDataRows;
        int Col(BatchListColumn c) => (int)c + 1;

        // Whole columns as text: whatever the district pastes keeps its digits.
        sheet.Column(Col(BatchListColumn.CreditCode)).Style.NumberFormat.Format = "@";
        sheet.Column(Col(BatchListColumn.ContactPhone)).Style.NumberFormat.Format = "@";
        sheet.Column(Col(BatchListColumn.Basis)).Style.NumberFormat.Format = "@";
        sheet.Column(Col(BatchListColumn.AnnualOutput)).Style.NumberFormat.Format = "#,##0.00";
        sheet.Column(Col(BatchListColumn.ContractAmount)).Style.NumberFormat.Format = "#,##0.00";

        var industries = sheet.Range(firstData, Col(BatchListColumn.Industry), lastData, Col(BatchListColumn.Industry)).SetDataValidation();
        industries.List("\"" + string.Join(",", KeyIndustries.All.Select(i => i.ToChinese())) + "\"", true);
        industries.IgnoreBlanks = true;
        industries.ShowErrorMessage = true;
        industries.ErrorTitle = "所属行业";
        industries.ErrorMessage = "请从下拉列表中选择六大重点产业之一。";

        var codes = sheet.Range(firstData, Col(BatchListColumn.CreditCode), lastData, Col(BatchListColumn.CreditCode)).SetDataValidation();
        codes.TextLength.EqualTo(18);
        codes.IgnoreBlanks = true;
        codes.ShowErrorMessage = true;
        codes.ErrorStyle = XLErrorStyle.Warning;
        codes.ErrorTitle = "统一社会信用代码";
        codes.ErrorMessage = "统一社会信用代码应为18位。";

        var basis = sheet.Range(firstData, Col(BatchListColumn.Basis), lastData, Col(BatchListColumn.Basis)).SetDataValidation();
        basis.IgnoreBlanks = true;
        basis.ShowInputMessage = true;
        basis.InputTitle = "推荐依据";
        basis.InputMessage = "1 智能化改造、2 重大产业项目、3 智能工厂或示范场景、4 自愿评估；多项用逗号或顿号分隔，如：1、4";

        var example = sheet.Row(firstData);
        example.Cell(Col(BatchListColumn.SerialNumber)).SetValue(1);
        example.Cell(Col(BatchListColumn.EnterpriseName)).SetText("（示例，请删除本行）上海示例智能装备有限公司");
        example.Cell(Col(BatchListColumn.CreditCode)).SetText("91310115591693856A");
        example.Cell(Col(BatchListColumn.Industry)).SetText("高端装备");
        example.Cell(Col(BatchListColumn.AnnualOutput)).SetValue(25800.5m);
        example.Cell(Col(BatchListColumn.Basis)).SetText("1、4");
        example.Cell(Col(BatchListColumn.BasisDescription)).SetText("生产线数字化改造项目");
        example.Cell(Col(BatchListColumn.ContractAmount)).SetValue(120m);
        example.Cell(Col(BatchListColumn.ContactName)).SetText("张三");
        example.Cell(Col(BatchListColumn.ContactPhone)).SetText("021-12345678");
        example.Cell(Col(BatchListColumn.ContactEmail)).SetText("zhangsan@example.com");
        example.Style.Font.FontColor = XLColor.FromHtml("#9CA3AF");

        WriteNotes(workbook.Worksheets.Add(NotesSheetName));
        sheet.SetTabActive();
        return workbook.ToBytes();
    }

    private static void WriteNotes(IXLWorksheet notes)
    {
        notes.WriteHeader([("列名", 26), ("是否必填", 10), ("填写说明", 90)]);
        var explanations = new Dictionary<BatchListColumn, string>
        {
            [BatchListColumn.SerialNumber] = "行序号，可不填；只有序号的行视为空行。",
            [BatchListColumn.EnterpriseName] = "企业在营业执照上的全称。",
            [BatchListColumn.CreditCode] = "18位统一社会信用代码（不含I、O、Z、S、V），系统会校验第18位校验位。请保持该列为“文本”格式，否则Excel会把纯数字代码变成科学计数法并丢失后几位。",
            [BatchListColumn.Industry] = "六大重点产业之一：" + string.Join("、", KeyIndustries.All.Select(i => i.ToChinese())) + "（可用下拉列表选择）。",
            [BatchListColumn.AnnualOutput] = $"单位万元，最多两位小数；市级推荐要求不低于1亿元（{EligibilityRules.MinimumAnnualOutputWanYuan:#,##0.00}万元）。可带千分位逗号。",
            [BatchListColumn.Basis] = "填写1–4的数字或简称，可填多项，用英文逗号“,”、中文逗号“，”或顿号“、”分隔，如“1、4”或“智能化改造，自愿评估”。",
            [BatchListColumn.BasisDescription] = "对推荐依据的简要说明，如项目名称、智能工厂批文等。",
            [BatchListColumn.ContractAmount] = $"推荐依据含1（智能化改造）时必填：当年在关键环节开展改造的合同金额，单位万元，须高于{EligibilityRules.ContractThresholdWanYuan:0}万元；财务、OA等非关键环节合同不计入。",
            [BatchListColumn.ContactName] = "企业联系人。",
            [BatchListColumn.ContactPhone] = "联系电话或手机。",
            [BatchListColumn.ContactEmail] = "联系人电子邮箱。",
        };
        var row = 2;
        foreach (var column in BatchListColumns.All)
        {
            notes.Cell(row, 1).SetText(column.Header);
            notes.Cell(row, 2).SetText(column.Required ? "必填" : column.Column == BatchListColumn.ContractAmount ? "依据1时必填" : "选填");
            notes.Cell(row, 3).SetText(explanations[column.Column]);
            notes.Cell(row, 3).Style.Alignment.WrapText = true;
            row++;
        }

        row++;
        notes.Cell(row++, 1).SetText("推荐依据（填写数字或简称）");
        notes.Cell(row - 1, 1).Style.Font.Bold = true;
        foreach (var basis in RecommendationBases.All)
        {
            notes.Cell(row, 1).SetText(basis.ToNumbered());
            notes.Cell(row, 3).SetText(basis.Describe());
            notes.Cell(row, 3).Style.Alignment.WrapText = true;
            row++;
        }

        row++;
        notes.Cell(row++, 1).SetText("其他说明");
        notes.Cell(row - 1, 1).Style.Font.Bold = true;
        foreach (var line in new[]
                 {
                     "列按列名识别，顺序可以调整，可增加本单位自用的列（导入时忽略）；表头可放在前10行内，上方可有标题行。",
                     "同一名单中同一统一社会信用代码只能出现一次；再次上传同一名单会更新已导入的企业和推荐，不会重复。",
                     "已由其他推荐单位登记的企业、本年度已在其他批次推荐的企业不能导入。",
                     "单个文件不超过10MB、不超过20000行；可上传" + BatchListReader.AcceptedFormats + "。",
                 })
        {
            notes.Cell(row, 1).SetText(line);
            notes.Range(row, 1, row, 3).Merge();
            row++;
        }
    }

    /// <summary>
    /// The invalid rows with the list's own columns (as the district wrote them) and 错误原因 last: fix the
    /// cells, and the same workbook can be uploaded again (the extra column is ignored by the reader).
    /// </summary>
    public static byte[] ErrorRows(IReadOnlyList<string> originalHeaders, IEnumerable<(IReadOnlyList<string> Cells, IReadOnlyList<string> Errors)> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("错误行");
        var header = originalHeaders
            .Select(h => (h, BatchListColumns.Match(h) is { } known ? known.Info().Width : 16d))
            .Append((ErrorColumnHeader, 70d))
            .ToArray();
        sheet.WriteHeader(header);
        var errorColumn = header.Length;
        var rowNumber = 2;
        foreach (var (cells, errors) in rows)
        {
            for (var i = 0; i < originalHeaders.Count; i++)
            {
                sheet.Cell(rowNumber, i + 1).SetText(i < cells.Count ? cells[i] : string.Empty);
            }
            var reason = sheet.Cell(rowNumber, errorColumn);
            reason.SetText(string.Join("\n", errors));
            reason.Style.Alignment.WrapText = true;
            reason.Style.Font.FontColor = XLColor.FromHtml("#B91C1C");
            rowNumber++;
        }
        return workbook.ToBytes();
    }
}
