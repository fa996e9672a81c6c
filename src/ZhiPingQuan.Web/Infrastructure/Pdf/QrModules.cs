using System.Collections;
using QRCoder;
using SkiaSharp;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>QR codes from QRCoder's module matrix, drawn as vector rectangles (sharp at any print size).</summary>
internal static class QrModules
{
    /// <summary>The module matrix including QRCoder's 4-module quiet zone; level M survives a worn printout.</summary>
    public static IReadOnlyList<BitArray> Encode(string payload)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => new BitArray(row)).ToList();
    }

    /// <summary>Draws the matrix into a square of <paramref name="size"/> points; each horizontal run of dark modules is one rectangle.</summary>
    public static void Draw(SKCanvas canvas, IReadOnlyList<BitArray> modules, float x, float y, float size, SKPaint ink)
    {
        var module = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            var bits = modules[row];
            var col = 0;
            while (col < bits.Length)
            {
                if (!bits[col])
                {
                    col++;
                    continue;
                }
                var start = col;
                while (col < bits.Length && bits[col])
                {
                    col++;
                }
                canvas.DrawRect(x + start * module, y + row * module, (col - start) * module, module, ink);
            }
        }
    }
}
