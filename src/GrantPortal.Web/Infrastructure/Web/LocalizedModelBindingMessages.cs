using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>Model binding's own messages ("The value 'x' is not valid") in the user's language.</summary>
internal sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => l["A value for {0} is required.", field]);
        messages.SetMissingKeyOrValueAccessor(() => l["A value is required."]);
        messages.SetValueMustNotBeNullAccessor(value => l["A value is required."]);
        messages.SetValueMustBeANumberAccessor(field => l["{0} must be a number.", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["The value must be a number."]);
        messages.SetUnknownValueIsInvalidAccessor(field => l["The value is not valid for {0}.", field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The value is not valid."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["A value is required."]);
    }
}
