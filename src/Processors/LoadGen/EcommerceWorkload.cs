using System.Text.Json;
using Streaming.Platform.Contracts;

namespace Streaming.Processors.LoadGen;

/// <summary>
/// A realistic e-commerce event mix over a fixed population of people: sessions of page views
/// and product views, carts, checkouts and orders, identifies (with email and phone) when a
/// visitor signs in, and the occasional alias. Deterministic for a seed. Used by
/// <c>./streaming loadgen</c> and the pipeline benchmark.
/// </summary>
public sealed class EcommerceWorkload(string tenant, int profiles, int seed)
{
    private static readonly string[] Pages = ["/", "/sale", "/category/shoes", "/category/bags", "/about", "/cart"];
    private readonly Random _random = new(seed);
    private readonly Dictionary<int, Visitor> _visitors = [];
    private long _sequence;

    public EventEnvelope Next(DateTimeOffset now)
    {
        var person = _random.Next(profiles);
        if (!_visitors.TryGetValue(person, out var visitor))
        {
            visitor = new Visitor($"anon-{seed}-{person}", null, 0);
            _visitors[person] = visitor;
        }

        var n = ++_sequence;
        var roll = _random.Next(100);
        var envelope = new EventEnvelope
        {
            Tenant = tenant,
            MessageId = $"lg-{seed}-{n}",
            Type = EventTypes.Track,
            AnonymousId = visitor.AnonymousId,
            UserId = visitor.UserId,
            Timestamp = now,
            ReceivedAt = now,
        };

        if (visitor.UserId is null && roll < 4)
        {
            // Sign-in: the anonymous visitor becomes a known customer.
            visitor = visitor with { UserId = $"user-{seed}-{person}" };
            _visitors[person] = visitor;
            return envelope with
            {
                Type = EventTypes.Identify,
                UserId = visitor.UserId,
                Traits = Json($$$"""{"email":"{{{visitor.UserId}}}@example.com","phone":"+4670{{{person:D7}}}","name":"Customer {{{person}}}","$set_once":{"first_seen_page":"{{{Pages[person % Pages.Length]}}}"}}"""),
            };
        }

        if (visitor.UserId is not null && roll == 4)
        {
            return envelope with { Type = EventTypes.Alias, PreviousId = visitor.AnonymousId, AnonymousId = null };
        }

        if (roll < 40)
        {
            return envelope with
            {
                Type = EventTypes.Page,
                Name = Pages[_random.Next(Pages.Length)],
                Properties = Json($$"""{"path":"{{Pages[_random.Next(Pages.Length)]}}","referrer":"https://search.example/"}"""),
            };
        }

        var sku = _random.Next(500);
        var price = 5 + (sku % 95);
        var (name, cart) = roll switch
        {
            < 75 => ("Product Viewed", visitor.Cart),
            < 88 => ("Product Added", visitor.Cart + 1),
            < 94 => ("Checkout Started", visitor.Cart),
            _ => ("Order Completed", 0),
        };
        _visitors[person] = visitor with { Cart = cart };
        return envelope with
        {
            Event = name,
            Properties = Json($$"""{"product_id":"sku-{{sku}}","price":{{price}},"currency":"EUR","cart_size":{{cart}}}"""),
        };
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private sealed record Visitor(string AnonymousId, string? UserId, int Cart);
}
