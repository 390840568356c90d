"""migrate, create-user, seed-demo."""

from __future__ import annotations

import getpass
import os

from research.demo.seed import DEMO_ACCOUNTS, seed_demo
from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.accounts.users import create_user
from research.services.common.actor import Actor


def register(subparsers) -> None:
    migrate = subparsers.add_parser("migrate")
    migrate.set_defaults(run=_migrate)

    create = subparsers.add_parser("create-user")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="full name")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--email", default="")
    create.add_argument(
        "--password-env", metavar="VAR", help="read the password from this environment variable instead of asking"
    )
    create.set_defaults(run=_create_user)

    demo = subparsers.add_parser("seed-demo")
    demo.set_defaults(run=_seed_demo)


def _migrate(args, uow) -> int:
    print("Database is at the newest schema.")
    return 0


def _create_user(args, uow) -> int:
    password = os.environ.get(args.password_env, "") if args.password_env else getpass.getpass()
    try:
        operator = Actor.operator(Role.ADMIN)  # the operator typed the password, so it is theirs to keep
        create_user(uow, operator, args.username, args.name, args.role, password, args.email, False)
    except InvalidInput as exc:
        for problem in exc.problems:
            print(f"error: {problem}")
        return 1
    print(f"Created {args.role} {args.username}.")
    return 0


def _seed_demo(args, uow) -> int:
    seed_demo(uow)
    print("Demo workspace loaded. Accounts:")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.role:<11} {account.username:<8} {account.password}")
    return 0
