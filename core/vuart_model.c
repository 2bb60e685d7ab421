// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which console each virtual UART register model follows: the guest runs
 * the same driver as on the bare board (its DT copies the console node).
 * Pure data, linked by the hypervisor and by the offline checker, so that
 * "no model for this console" is refused at validation, where the VM's
 * other refusals are, and not half-way through its build.
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/vuart.h>

struct vuart_model {
	const struct driver_dt *console; /* the console driver whose device it models */
	const struct vuart_ops *ops;
};

/* Each model is built with its console driver (CONFIG_VUART_*, Kconfig). */
static const struct vuart_model models[] = {
#ifdef CONFIG_VUART_PL011
    {&pl011_dt, &vuart_pl011_ops},
#endif
#ifdef CONFIG_VUART_NS16550
    {&ns16550_dt, &vuart_ns16550_ops},
#endif
#ifdef CONFIG_VUART_BCM2835_AUX
    {&bcm2835_aux_dt, &vuart_bcm2835_aux_ops},
#endif
};

static const struct vuart_model *model_of(const void *fdt, int node)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(models); i++)
		if (models[i].console && dt_match_id(fdt, node, driver_match(models[i].console)))
			return &models[i];
	return NULL;
}

const struct vuart_ops *vuart_model_for(const void *fdt, int node)
{
	const struct vuart_model *m = model_of(fdt, node);

	return m ? m->ops : NULL;
}

bool vuart_has_model(const void *fdt, int node)
{
	return model_of(fdt, node) != NULL;
}
