using System.Text;

namespace ZhiPingQuan.Domain.Reference;

/// <summary>推荐依据 (docs/domain.md §4.1). The numbers are the ones districts write in the batch list.</summary>
public enum RecommendationBasis
{
    /// <summary>1 智能化改造: transformation work in a key link under contracts above 20 万元.</summary>
    SmartTransformation = 1,

    /// <summary>2 重大产业项目: a district-level or higher major industrial project.</summary>
    MajorProject = 2,

    /// <summary>3 智能工厂或示范场景: rated a smart factory or demonstration scenario at any level.</summary>
    SmartFactoryOrScenario = 3,

    /// <summary>4 自愿评估: the enterprise wishes to be assessed.</summary>
    Voluntary = 4,
}

public static class RecommendationBases
{
    private static readonly (RecommendationBasis Basis, string ShortName, string Description)[] Names =
    [
        (RecommendationBasis.SmartTransformation, "智能化改造",
            "当年在设计、生产、研发、制造、检测、仓储、节能环保等关键环节开展智能化改造、数字化转型或5G全连接工厂建设，且合同金额在20万元以上"),
        (RecommendationBasis.MajorProject, "重大产业项目", "承担区级及以上重大产业项目"),
        (RecommendationBasis.SmartFactoryOrScenario, "智能工厂或示范场景", "获评各级智能工厂或示范应用场景"),
        (RecommendationBasis.Voluntary, "自愿评估", "企业自愿开展评估诊断"),
    ];

    public static IReadOnlyList<RecommendationBasis> All { get; } = Names.Select(n => n.Basis).ToArray();

    /// <summary>The short name, as in the template: 智能化改造, 重大产业项目, 智能工厂或示范场景, 自愿评估.</summary>
    public static string ToChinese(this RecommendationBasis basis) =>
        Names.FirstOrDefault(n => n.Basis == basis).ShortName ?? basis.ToString();

    /// <summary>"1 智能化改造" — number and short name, as the notice lists them.</summary>
    public static string ToNumbered(this RecommendationBasis basis) => $"{(int)basis} {basis.ToChinese()}";

    /// <summary>The full wording of the basis in the notice.</summary>
    public static string Describe(this RecommendationBasis basis) =>
        Names.FirstOrDefault(n => n.Basis == basis).Description ?? basis.ToString();

    private const string Expected = "应为1–4的数字或简称（1 智能化改造、2 重大产业项目、3 智能工厂或示范场景、4 自愿评估）";

    /// <summary>
    /// Reads the 推荐依据 cell as districts fill it: "1,3", "1，智能化改造、4", "１ ３", "1.智能化改造".
    /// Parts are separated by , ， 、 ; ； or white space; each is a digit 1–4, a short name, or a digit
    /// followed by its own short name. Duplicates collapse; every unknown part is reported.
    /// </summary>
    public static BasisParseResult Parse(string? text)
    {
        var normalised = ToHalfWidth(text ?? string.Empty);
        var parts = normalised.Split([',', '、', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var found = new SortedSet<RecommendationBasis>();
        var unknown = new List<string>();
        foreach (var raw in parts)
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }
            if (TryParsePart(part, out var basis))
            {
                found.Add(basis);
            }
            else
            {
                unknown.Add(part);
            }
        }

        string? error = null;
        if (unknown.Count > 0)
        {
            error = $"推荐依据中无法识别：{string.Join("、", unknown.Select(u => $"“{u}”"))}，{Expected}。";
        }
        else if (found.Count == 0)
        {
            error = $"推荐依据不能为空，{Expected}。";
        }
        return new BasisParseResult(found.ToArray(), unknown, error);
    }

    private static bool TryParsePart(string part, out RecommendationBasis basis)
    {
        foreach (var (b, shortName, _) in Names)
        {
            if (part == shortName)
            {
                basis = b;
                return true;
            }
        }
        var digit = part[0] - '0';
        if (digit is >= 1 and <= 4)
        {
            basis = (RecommendationBasis)digit;
            var rest = part[1..].TrimStart('.', '．', ':', '：', ')', '）', '-').Trim();
            if (rest.Length == 0 || rest == basis.ToChinese())
            {
                return true;
            }
        }
        basis = default;
        return false;
    }

    private static string ToHalfWidth(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                _ => ch,
            });
        }
        return sb.ToString();
    }
}

/// <summary>Outcome of <see cref="RecommendationBases.Parse"/>: the bases found and, if any, a precise error.</summary>
public sealed record BasisParseResult(
    IReadOnlyList<RecommendationBasis> Bases,
    IReadOnlyList<string> UnknownParts,
    string? Error)
{
    public bool Succeeded => Error is null;
}
