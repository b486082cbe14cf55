using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>What an internal error looks like to a client (an id only) and in the log (the fault, with the id).</summary>
public static partial class InternalErrorAssert
{
    [GeneratedRegex("^Internal error \\(id ([0-9a-f]{16})\\)$")]
    private static partial Regex InternalError();

    /// <summary>Checks a client-side error is an internal error that says nothing of the fault; returns its id.</summary>
    public static string Hidden(JsonElement error)
    {
        var id = Shape(error);
        Assert.DoesNotContain("hunter2", error.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", error.GetRawText(), StringComparison.Ordinal);
        return id;
    }

    /// <summary>Checks an error is "Internal error (id ...)" with the id and code in its extensions; returns the id.</summary>
    public static string Shape(JsonElement error)
    {
        var match = InternalError().Match(error.GetProperty("message").GetString()!);
        Assert.True(match.Success, error.GetRawText());
        var id = match.Groups[1].Value;
        Assert.Equal(GraphQLDiagnostics.InternalErrorCode, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(id, error.GetProperty("extensions").GetProperty("errorId").GetString());
        return id;
    }

    /// <summary>Checks the log holds the fault with the id the client got.</summary>
    public static void Logged(ObservedDiagnostics observed, string id)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var entry = Assert.Single(observed.Logger.Entries, e => e.Message.Contains(id, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(TestSchema.FaultMessage, entry.Exception?.Message);
    }
}
