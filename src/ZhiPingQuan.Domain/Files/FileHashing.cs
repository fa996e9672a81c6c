using System.Security.Cryptography;
using System.Text;

namespace ZhiPingQuan.Domain.Files;

/// <summary>SHA-256 in the one form the portal stores and compares: lower-case hex.</summary>
public static class FileHashing
{
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    public static string Sha256Hex(Stream content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}
