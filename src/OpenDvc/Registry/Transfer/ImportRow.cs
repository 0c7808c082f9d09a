using System.Globalization;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Registry.Transfer;

/// <summary>
/// Reads the cells of one imported row by column name, turning each bad cell into an <see cref="ImportError"/>
/// with its row, column and value. A null result means the cell was missing or wrong (and was reported).
/// </summary>
internal sealed class ImportRow(int number, IReadOnlyDictionary<string, int> columns, string[] cells, List<ImportError> errors)
{
    public int RowNumber => number;

    public string Raw(string column)
    {
        var value = columns.TryGetValue(column, out var i) && i < cells.Length ? cells[i].Trim() : "";

        // Undo the apostrophe the CSV export puts before a value that a spreadsheet would run as a formula.
        return value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
    }

    private readonly HashSet<string> failed = new(StringComparer.Ordinal);

    public bool HasErrors => failed.Count > 0;

    public void Fail(string column, Refusal refusal)
    {
        failed.Add(column);
        errors.Add(ImportError.Of(number, column, Raw(column), refusal));
    }

    public string? Text(string column, int maxLength, bool required = true)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Fail(column, Refusal.Of(RegistryCodes.ImportRequired, column));
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Fail(column, Refusal.Of(RegistryCodes.ImportTooLong, maxLength));
            return null;
        }

        return value;
    }

    public T? Enum<T>(string column, bool required = true)
        where T : struct, System.Enum
    {
        var value = Text(column, 64, required);
        if (value is null)
        {
            return null;
        }

        var name = System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            var allowed = string.Join(", ", System.Enum.GetNames<T>());
            Fail(column, Refusal.Of(RegistryCodes.ImportEnum, value, allowed));
            return null;
        }

        return System.Enum.Parse<T>(name);
    }

    public long? Number(string column, long min, long max, bool required = true)
    {
        var value = Text(column, 32, required);
        if (value is null)
        {
            return null;
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Fail(column, Refusal.Of(RegistryCodes.ImportNumber, min, max));
            return null;
        }

        return number;
    }

    public bool? Bool(string column)
    {
        var value = Text(column, 8);
        switch (value?.ToLowerInvariant())
        {
            case null:
                return null;
            case "1" or "true" or "có" or "yes":
                return true;
            case "0" or "false" or "không" or "no":
                return false;
            default:
                Fail(column, Refusal.Of(RegistryCodes.ImportBoolean));
                return null;
        }
    }

    public DateOnly? Date(string column, bool required = true)
    {
        var value = Text(column, 32, required);
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(column, Refusal.Of(RegistryCodes.ImportDate));
            return null;
        }

        return date;
    }

    /// <summary>Reports the row when its key already appeared on an earlier row of the file.</summary>
    public void Unique(string column, string key, Dictionary<string, int> seen)
    {
        if (seen.TryGetValue(key, out var first))
        {
            Fail(column, Refusal.Of(RegistryCodes.ImportDuplicate, key, first));
            return;
        }

        seen[key] = number;
    }

    /// <summary>Reports the rules a row breaks, except on cells already reported as unreadable.</summary>
    public void Report(IEnumerable<RuleViolation> violations)
    {
        foreach (var v in violations.Where(v => !failed.Contains(v.Field)).ToList())
        {
            failed.Add(v.Field);
            errors.Add(new ImportError(number, v.Field, Raw(v.Field), v.Code, v.Vietnamese, v.English));
        }
    }
}
