using System.Text;
using Microsoft.AspNetCore.Mvc;
using static Bazaar.Sandbox.SandboxHtml;

namespace Bazaar.Sandbox;

/// <summary>The carrier's desk: every parcel, its events and their deliveries, a button to move it on.</summary>
internal static class CarrierPages
{
    public static void MapCarrierPages(this RouteGroupBuilder sandbox) =>
        sandbox.MapGet("/carrier", (HttpContext http, [FromServices] Carrier carrier, [FromServices] SandboxCallbacks callbacks) =>
        {
            var deliveries = callbacks.Deliveries.Where(d => d.Kind == CallbackKind.TrackingEvent).ToDictionary(d => d.Id);
            var body = new StringBuilder("<h1>快递 Carrier</h1>");
            var parcels = carrier.Parcels();
            if (parcels.Count == 0)
                body.Append("<p class=\"muted\">还没有包裹 No parcels yet.</p>");
            else
                body.Append("<table><tr><th>运单号 Tracking</th><th>reference</th><th>订单 Order</th><th>收件人 Recipient</th>")
                    .Append("<th>状态 Status</th><th>轨迹 Events</th><th></th></tr>");
            foreach (var parcel in parcels)
            {
                var number = parcel.TrackingNumber;
                body.Append($"<tr id=\"parcel-{E(number)}\"><td>{E(number)}</td><td>{E(parcel.Reference)}</td><td>{E(parcel.OrderNumber)}</td>")
                    .Append($"<td>{E(parcel.Recipient)}<br><span class=\"muted\">{E(parcel.Phone)}<br>{E(parcel.Address)}</span></td>")
                    .Append($"<td class=\"status\">{E(parcel.Status.Wire())}</td><td>");
                foreach (var e in parcel.Events)
                {
                    var delivery = deliveries.GetValueOrDefault(e.EventId);
                    body.Append($"{E(When(e.OccurredAt))} <strong>{E(e.Status.Wire())}</strong> {E(e.Location)} · {E(e.Description)}")
                        .Append($" <span class=\"muted\">[{E(delivery?.Status)}]</span>")
                        .Append(delivery is null ? "" : $"<br><span class=\"muted\">{AttemptLines(delivery)}</span>")
                        .Append("<br>");
                }
                body.Append("</td><td>");
                if (parcel.Status == ParcelStatus.Delivered)
                    body.Append($"<button type=\"button\" id=\"advance-{E(number)}\" disabled>已签收 Delivered</button>");
                else
                    body.Append($"<form method=\"post\" action=\"{Href(http, "/sandbox/carrier/shipments/" + Uri.EscapeDataString(number) + "/advance")}\">")
                        .Append($"<button type=\"submit\" id=\"advance-{E(number)}\">下一站 Advance</button></form>");
                body.Append("</td></tr>");
            }
            if (parcels.Count > 0)
                body.Append("</table>");
            return Page(http, "快递 Carrier", body.ToString());
        });
}
