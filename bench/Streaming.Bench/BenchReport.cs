using System.Globalization;
using System.Text.Json;

namespace Streaming.Bench;

/// <summary>A figure as measured, with its unit and the target it is held to (if any).</summary>
internal sealed record Figure(string Key, double Value, string Unit, string? Target = null);

/// <summary>The figures of one run: printed as a table and written as bench/results/NAME.json.</summary>
internal sealed class BenchReport(string name)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly List<Figure> _figures = [];

    public string Name { get; } = name;

    public IReadOnlyList<Figure> Figures => _figures;

    public BenchReport Add(string key, double value, string unit, string? target = null)
    {
        _figures.Add(new Figure(key, value, unit, target));
        return this;
    }

    public void Print(TextWriter writer)
    {
        var keyWidth = Math.Max(6, _figures.Max(f => f.Key.Length));
        writer.WriteLine($"{"figure".PadRight(keyWidth)}  {"value",14}  {"unit",-10}  target");
        writer.WriteLine(new string('-', keyWidth + 40));
        foreach (var figure in _figures)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{figure.Key.PadRight(keyWidth)}  {figure.Value,14:N2}  {figure.Unit,-10}  {figure.Target ?? ""}"));
        }
    }

    public async Task<string> WriteJsonAsync(string resultsFolder)
    {
        Directory.CreateDirectory(resultsFolder);
        var path = Path.Combine(resultsFolder, Name + ".json");
        var document = new
        {
            name = Name,
            utc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            machine = new
            {
                cores = Environment.ProcessorCount,
                memory_gib = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
            },
            figures = _figures.ToDictionary(f => f.Key, f => Math.Round(f.Value, 3)),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Indented));
        return path;
    }
}
