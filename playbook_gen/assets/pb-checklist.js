/* playbook-gen: checklist and onboarding pages (built on pb-core.js). */
