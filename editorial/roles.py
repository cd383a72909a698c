"""The newsroom's two roles and what each may do in the admin.

Used by a data migration (so every install has them) and by the demo loader.
Journalists write and edit; editors also publish, approve and delete.
"""

JOURNALIST = "Journalist"
EDITOR = "Editor"

_WRITE = ["add", "change", "view"]

ROLE_PERMISSIONS = {
    JOURNALIST: {
        "articles": {
            "article": _WRITE,
            "byline": _WRITE + ["delete"],
            "keytakeaway": _WRITE + ["delete"],
            "relatedlink": _WRITE + ["delete"],
            "author": ["view"],
            "section": ["view"],
        },
        "editorial": {"analysisbox": _WRITE},
        "images": {"image": _WRITE},
        "taggit": {"tag": ["add", "view"], "taggeditem": _WRITE + ["delete"]},
    },
    EDITOR: {
        "articles": {
            "article": _WRITE + ["delete", "publish"],
            "byline": _WRITE + ["delete"],
            "keytakeaway": _WRITE + ["delete"],
            "relatedlink": _WRITE + ["delete"],
            "author": _WRITE + ["delete"],
            "section": _WRITE + ["delete"],
        },
        "editorial": {"analysisbox": _WRITE + ["delete", "approve"]},
        "images": {"image": _WRITE + ["delete"]},
        "taggit": {
            "tag": _WRITE + ["delete"],
            "taggeditem": _WRITE + ["delete"],
        },
    },
}


def codename(action, model):
    return {
        "publish": "publish_article",
        "approve": "approve_analysisbox",
    }.get(action, f"{action}_{model}")


def sync_roles(group_model, permission_model, app_labels=None):
    """Create or update the groups to exactly the permissions above (only
    those of `app_labels` when given: a migration sees only the apps it
    depends on)."""
    for role, apps in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = [
            permission_model.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename(action, model),
            )
            for app_label, models in apps.items()
            if app_labels is None or app_label in app_labels
            for model, actions in models.items()
            for action in actions
        ]
        group.permissions.set(wanted)
