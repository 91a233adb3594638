/* playbook-gen: the self-assessment page (built on pb-core.js). */
