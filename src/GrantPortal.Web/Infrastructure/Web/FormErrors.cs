using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>Why a use case refused a form: the field to mark (empty for the whole form) and a message already localized.</summary>
public sealed record FormError(string Field, string Message)
{
    public static FormError ForForm(string message) => new("", message);

    public static IEnumerable<FormError> FromIdentity(IdentityResult result, string field = "") =>
        result.Errors.Select(e => new FormError(field, e.Description));
}

public static class FormErrorExtensions
{
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<FormError> errors)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field, error.Message);
        }
    }
}
