/* playbook-gen page scripts: each part acts only on pages that carry its data-pb-* hooks. */
