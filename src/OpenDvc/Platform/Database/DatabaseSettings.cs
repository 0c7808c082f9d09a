namespace OpenDvc.Platform.Database;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Where the data lives: a SQLite file by default, PostgreSQL when given its connection string.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool IsDefault)
{
    public const string EnvironmentVariable = "OPENDVC_DATABASE";
    public const string DefaultSqlitePath = "data/opendvc.db";

    /// <summary>Chooses the database from the --database value, then OPENDVC_DATABASE, then the default file.</summary>
    public static DatabaseSettings Resolve(string? fromCommandLine)
    {
        var given = string.IsNullOrWhiteSpace(fromCommandLine)
            ? Environment.GetEnvironmentVariable(EnvironmentVariable)
            : fromCommandLine;
        if (string.IsNullOrWhiteSpace(given))
        {
            return new DatabaseSettings(DatabaseProvider.Sqlite, SqliteConnectionString(DefaultSqlitePath), IsDefault: true);
        }

        given = given.Trim();
        if (LooksLikePostgres(given))
        {
            return new DatabaseSettings(DatabaseProvider.PostgreSql, given, IsDefault: false);
        }

        // A bare path is a SQLite file; a full "Data Source=..." string is kept as given.
        var connectionString = given.Contains('=', StringComparison.Ordinal) ? given : SqliteConnectionString(given);
        return new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, IsDefault: false);
    }

    public static string SqliteConnectionString(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return $"Data Source={full};Cache=Shared;Pooling=True";
    }

    private static bool LooksLikePostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>For logs and health output: never print a password.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({ConnectionString.Split(';')[0].Replace("Data Source=", "", StringComparison.Ordinal)})"
        : "PostgreSQL (" + string.Join(';', ConnectionString.Split(';')
            .Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase))) + ")";
}
