/* Card payment with Stripe Elements: the form carries its keys in data attributes. */
(function () {
    var form = document.getElementById("stripe-payment-form");
    var message = document.getElementById("stripe-payment-message");
    var button = document.getElementById("stripe-payment-submit");
    var stripe = Stripe(form.dataset.publishableKey, {locale: form.dataset.locale});
    var elements = stripe.elements({clientSecret: form.dataset.clientSecret});
    elements.create("payment").mount("#stripe-payment-element");
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        button.disabled = true;
        message.hidden = true;
        stripe.confirmPayment({
            elements: elements,
            confirmParams: {return_url: form.dataset.returnUrl}
        }).then(function (result) {
            // Only reached when the payment could not start (declined card,
            // missing field); otherwise Stripe has gone to the return URL.
            if (result.error) {
                message.textContent = result.error.message;
                message.hidden = false;
                button.disabled = false;
            }
        });
    });
})();
