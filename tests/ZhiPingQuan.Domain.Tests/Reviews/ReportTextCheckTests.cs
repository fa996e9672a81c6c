using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;

namespace ZhiPingQuan.Domain.Tests.Reviews;

public class ReportTextCheckTests
{
    private const string Name = "上海浦江精密装备有限公司";
    private const string Code = "91310115MA1H7A2B5X";
    private static readonly MaturityScore Score = new(3.35m);

    [Fact]
    public void A_report_naming_the_enterprise_code_score_and_level_passes_even_when_extraction_breaks_the_lines()
    {
        var text = "智能制造能力成熟度评估报告\n受评企业：上海浦江精密 装备有限公司\n统一社会信用代码：９１３１０１１５ma1h7a2b5x\n总分 3.35 （三级（集成级））";

        var result = ReportTextCheck.Run(text, Name, Code, Score, MaturityLevel.Three);

        Assert.Equal(CheckOutcome.Passed, result.Outcome);
        Assert.Equal(ConsistencyCheck.ReportMatchesRecord, result.Check);
    }

    [Fact]
    public void A_report_missing_values_fails_and_says_which()
    {
        var text = "智能制造能力成熟度评估报告 受评企业：上海浦江精密装备有限公司 统一社会信用代码：91310115MA1H7A2B5X 总分 3.3 二级";

        var result = ReportTextCheck.Run(text, Name, Code, Score, MaturityLevel.Three);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal("报告文字中未找到成熟度分数“3.35”、成熟度等级“三级”。", result.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n 第1页 ")]
    public void A_report_without_text_asks_for_a_person_instead_of_failing(string? text)
    {
        var result = ReportTextCheck.Run(text, Name, Code, Score, MaturityLevel.Three);

        Assert.Equal(CheckOutcome.ManualCheck, result.Outcome);
        Assert.Equal("无法读取报告文字，请人工核对。", result.Detail);
    }

    [Fact]
    public void Levels_are_looked_for_as_reports_write_them()
    {
        Assert.Equal("三级", ReportTextCheck.ShortName(MaturityLevel.Three));
        Assert.Equal("未达一级", ReportTextCheck.ShortName(MaturityLevel.BelowOne));
    }
}
